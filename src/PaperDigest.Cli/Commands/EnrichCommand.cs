using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;
using PaperDigest.Enrichment;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest enrich</c>: every entry plus what arXiv knows about it, as JSON, JSON Lines or BibTeX.</summary>
internal static class EnrichCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: json (one array, in input order), jsonl (one entry per line, as answers arrive) or bibtex (one @misc per paper found).",
            DefaultValueFactory = _ => "json",
            HelpName = "json|jsonl|bibtex",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "bibtex");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (through a temporary file and a rename) instead of standard output.", HelpName = "file" };
        var cache = new Option<string?>("--cache") { Description = "The cache file (default: $XDG_CACHE_HOME/paperdigest/enrichment.db, else ~/.cache/paperdigest/enrichment.db).", HelpName = "path" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the cache." };
        var offline = new Option<bool>("--offline") { Description = "Answer from the cache (or --arxiv-snapshot) only; make no request." };
        var refresh = new Option<bool>("--refresh") { Description = "Ignore cached answers (new answers are still stored)." };
        var snapshot = new Option<string?>("--arxiv-snapshot") { Description = "Resolve arXiv identifiers from a Kaggle arXiv metadata snapshot (JSON Lines, .gz too), with no network.", HelpName = "file" };
        var apiUrl = new Option<string?>("--arxiv-api-url") { Description = $"The arXiv API endpoint (default {ArxivOptions.DefaultApiUrl}); for mirrors and tests.", HelpName = "url" };
        var absUrl = new Option<string?>("--arxiv-abs-url") { Description = $"The prefix of abstract pages, the fallback source (default {ArxivOptions.DefaultAbsPageUrl}).", HelpName = "url" };
        var threshold = new Option<double?>("--title-threshold") { Description = "The least title similarity (0 to 1) counted as a match (default 0.9).", HelpName = "score" };
        var layout = CommonOptions.Layout();
        var quiet = CommonOptions.Quiet();

        var command = new Command("enrich", """
            Add what arXiv knows to every entry: the paper's metadata (arxiv) and how the digest's title compares (titleMatch).
            Politely: batches of 100 identifiers, one request at a time, 3 seconds apart, answers cached.

            Examples:
              paperdigest enrich samples/archive > enriched.json
              paperdigest enrich --format bibtex -o papers.bib digests/
              paperdigest enrich --arxiv-snapshot arxiv-metadata-oai-snapshot.json.gz digests/
              paperdigest enrich --offline digests/
            """)
        {
            inputs, format, output, cache, noCache, offline, refresh, snapshot, apiUrl, absUrl, threshold, layout, quiet,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new Options(
                parseResult.GetValue(inputs) ?? [],
                parseResult.GetValue(format) ?? "json",
                parseResult.GetValue(output),
                parseResult.GetValue(cache),
                parseResult.GetValue(noCache),
                parseResult.GetValue(offline),
                parseResult.GetValue(refresh),
                parseResult.GetValue(snapshot),
                parseResult.GetValue(apiUrl),
                parseResult.GetValue(absUrl),
                parseResult.GetValue(threshold),
                parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout,
                parseResult.GetValue(quiet));
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(
        string[] Inputs, string Format, string? Output, string? Cache, bool NoCache, bool Offline, bool Refresh,
        string? Snapshot, string? ApiUrl, string? AbsUrl, double? TitleThreshold, string Layout, bool Quiet);

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // 1. Read every input.
        var failed = false;
        var items = InputResolver.Resolve(options.Inputs, stderr, ref failed);
        var parser = new DigestParser(new DigestParserOptions { Layout = options.Layout });
        var entries = new List<DigestEntry>();
        var paths = new List<string?>();
        foreach (var item in items)
        {
            var result = await DocumentReader.ReadAsync(item, parser, context, cancellationToken).ConfigureAwait(false);
            if (result.Document is null)
            {
                failed = true;
                await stderr.WriteLineAsync($"{item.Path}: error: cannot read: {result.Error}").ConfigureAwait(false);
                continue;
            }

            failed |= result.Failed;
            foreach (var d in result.Document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !options.Quiet))
            {
                await stderr.WriteLineAsync(DocumentReader.Format(d)).ConfigureAwait(false);
            }

            foreach (var entry in result.Document.Entries)
            {
                entries.Add(entry);
                paths.Add(result.Document.Path);
            }
        }

        // 2. The enrichment services, options validated once.
        var cacheProblems = new List<string>();
        ServiceProvider services;
        try
        {
            var collection = new ServiceCollection();
            collection.AddPaperDigestEnrichment(o =>
            {
                if (options.ApiUrl is not null)
                {
                    o.Arxiv.ApiUrl = Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var u) ? u : new Uri("invalid:" + options.ApiUrl);
                }

                if (options.AbsUrl is not null)
                {
                    o.Arxiv.AbsPageUrl = Uri.TryCreate(options.AbsUrl, UriKind.Absolute, out var u) ? u : new Uri("invalid:" + options.AbsUrl);
                }

                o.Arxiv.SnapshotPath = options.Snapshot;
                o.UseCache = !options.NoCache;
                o.CachePath = options.Cache ?? EnrichmentCachePaths.Default(context.GetEnvironmentVariable);
                o.UseCache &= o.CachePath is not null;
                o.Offline = options.Offline;
                o.Refresh = options.Refresh;
                if (options.TitleThreshold is { } t)
                {
                    o.TitleMatchThreshold = t;
                }

                o.CacheProblemReporter = p =>
                {
                    lock (cacheProblems)
                    {
                        cacheProblems.Add(p);
                    }
                };
            });
            services = collection.BuildServiceProvider();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var f in ex.Failures)
            {
                await stderr.WriteLineAsync($"error: {f}").ConfigureAwait(false);
            }

            return ExitCodes.UsageOrIoError;
        }

        await using var _ = services.ConfigureAwait(false);
        var enricher = services.GetRequiredService<DigestEnricher>();
        var limiter = services.GetRequiredService<ArxivRequestLimiter>();
        var progress = new EnrichProgress(stderr, context.ErrorIsTerminal && !options.Quiet, entries.Count, limiter, TimeProvider.System);
        var unresolved = 0;

        async Task WriteAsync(TextWriter writer)
        {
            var collected = new List<EnrichedEntry>();
            await foreach (var e in enricher.EnrichAsync(entries, cancellationToken).ConfigureAwait(false))
            {
                if (!e.IsResolved)
                {
                    unresolved++;
                }

                progress.Done();
                if (options.Format == "jsonl")
                {
                    await writer.WriteLineAsync(EnrichJson.Serialize(e, paths[e.Index])).ConfigureAwait(false);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    collected.Add(e);
                }
            }

            collected.Sort((a, b) => a.Index.CompareTo(b.Index));
            if (options.Format == "json")
            {
                await writer.WriteAsync(collected.Count == 0 ? "[]\n" : "[\n").ConfigureAwait(false);
                for (var i = 0; i < collected.Count; i++)
                {
                    await writer.WriteAsync(EnrichJson.Serialize(collected[i], paths[collected[i].Index])).ConfigureAwait(false);
                    await writer.WriteAsync(i < collected.Count - 1 ? ",\n" : "\n]\n").ConfigureAwait(false);
                }
            }
            else if (options.Format == "bibtex")
            {
                var bib = new BibtexWriter();
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in collected)
                {
                    if (e.Arxiv?.Paper is { } paper && written.Add(paper.Id))
                    {
                        await writer.WriteAsync(bib.Write(paper)).ConfigureAwait(false);
                        await writer.WriteAsync("\n").ConfigureAwait(false);
                    }
                }
            }
        }

        try
        {
            if (options.Output is not null)
            {
                await AtomicFile.WriteAsync(options.Output, WriteAsync, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(stdout).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{options.Output ?? "-"}: error: cannot write output: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }
        finally
        {
            progress.Finish();
        }

        foreach (var p in cacheProblems)
        {
            await stderr.WriteLineAsync($"warning: {p}").ConfigureAwait(false);
        }

        if (unresolved > 0 && !options.Quiet)
        {
            await stderr.WriteLineAsync($"enrich: {unresolved} of {entries.Count} entries could not be resolved (see arxiv.reason)").ConfigureAwait(false);
        }

        return failed ? ExitCodes.UsageOrIoError : unresolved > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
    }
}
