using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;
using PaperDigest.Enrichment;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;
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
            Description = "Output format: json (one array, in input order), jsonl (one entry per line, as answers arrive), bibtex (one @misc per paper found) or csljson (CSL-JSON, for Zotero and pandoc). Entries left out of bibtex or csljson are listed on stderr, exit 3.",
            DefaultValueFactory = _ => "json",
            HelpName = "json|jsonl|bibtex|csljson",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "bibtex", "csljson");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (through a temporary file and a rename) instead of standard output.", HelpName = "file" };
        var network = new EnrichmentSetup();
        var layout = CommonOptions.Layout();
        var quiet = CommonOptions.Quiet();

        var command = new Command("enrich", """
            Add what arXiv knows to every entry: the paper's metadata (arxiv) and how the digest's title compares (titleMatch),
            and what GitHub knows about every repository the entry links (repositories, each with its state).
            Politely: arXiv in batches of 100 identifiers, one request at a time, 3 seconds apart; GitHub 50 repositories per
            GraphQL query with a token, REST with ETags without; answers cached.

            Examples:
              paperdigest enrich samples/archive > enriched.json
              paperdigest enrich --format bibtex -o papers.bib digests/
              paperdigest enrich --arxiv-snapshot arxiv-metadata-oai-snapshot.json.gz digests/
              paperdigest enrich --offline digests/
              GITHUB_TOKEN=... paperdigest enrich --format jsonl digests/
            """)
        {
            inputs, format, output, layout, quiet,
        };
        foreach (var option in network.All)
        {
            command.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new Options(
                parseResult.GetValue(inputs) ?? [],
                parseResult.GetValue(format) ?? "json",
                parseResult.GetValue(output),
                network.Read(parseResult),
                parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout,
                parseResult.GetValue(quiet));
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(string[] Inputs, string Format, string? Output, NetworkOptions Network, string Layout, bool Quiet);

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // 1. Read every input.
        var failed = false;
        var items = InputResolver.Resolve(options.Inputs, stderr, ref failed, verbose: false, cancellationToken, context.CurrentDirectory);
        if (!await LayoutCheck.CheckAsync(options.Layout, items, stderr).ConfigureAwait(false))
        {
            return ExitCodes.UsageOrIoError;
        }

        var parser = new DigestParser(new DigestParserOptions { Layout = options.Layout, ReadConfiguration = true });
        if (options.Output is not null && AtomicFile.ConflictWithInputs(options.Output, items) is { } conflict)
        {
            await stderr.WriteLineAsync($"{options.Output}: error: {conflict}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

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
                await stderr.WriteLineAsync(DocumentReader.Format(d, color: context.UseColor)).ConfigureAwait(false);
            }

            foreach (var entry in result.Document.Entries)
            {
                entries.Add(entry);
                paths.Add(result.Document.Path);
            }
        }

        // 2. The enrichment services, options validated once.
        var cacheProblems = new List<string>();
        var services = await EnrichmentSetup.BuildAsync(options.Network, context, stderr, p =>
        {
            lock (cacheProblems)
            {
                cacheProblems.Add(p);
            }
        }).ConfigureAwait(false);
        if (services is null)
        {
            return ExitCodes.UsageOrIoError;
        }

        await using var _ = services.ConfigureAwait(false);
        var enricher = services.GetRequiredService<DigestEnricher>();
        var limiter = services.GetRequiredService<ArxivRequestLimiter>();
        var progress = new EnrichProgress(stderr, context.ErrorIsTerminal && !options.Quiet, entries.Count, limiter, TimeProvider.System);
        var unresolved = 0;
        var leftOut = new List<string>();

        // The enricher looks the linked GitHub repositories up too, when --no-github did not leave the client out.
        var repositories = new Dictionary<string, RepositoryResult>(StringComparer.OrdinalIgnoreCase);

        async Task WriteAsync(TextWriter writer)
        {
            var collected = new List<EnrichedEntry>();
            await foreach (var e in enricher.EnrichAsync(entries, cancellationToken).ConfigureAwait(false))
            {
                foreach (var r in e.Repositories)
                {
                    repositories.TryAdd(r.Requested, r);
                }

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
            else if (options.Format is "bibtex" or "csljson")
            {
                // A reference list holds papers arXiv (or the snapshot) gave; every entry left out is said on stderr and
                // makes the exit code 3, so that an incomplete bibliography is never taken for a whole one.
                var papers = new List<Enrichment.Arxiv.ArxivPaper>();
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in collected)
                {
                    if (e.Arxiv?.Paper is { } paper)
                    {
                        if (written.Add(paper.Id))
                        {
                            papers.Add(paper);
                        }
                    }
                    else
                    {
                        var what = e.Entry.ArxivId is { } id ? $"arXiv {id.Value}" : "no arXiv identifier";
                        var why = e.Arxiv?.Reason ?? (e.Arxiv is { } a ? ArxivJson.StateName(a.State) : "nothing to look up");
                        leftOut.Add($"{paths[e.Index] ?? "-"}: '{e.Entry.Title}' ({what}): {why}");
                    }
                }

                if (options.Format == "csljson")
                {
                    await writer.WriteAsync(new CslJsonWriter().Write(papers)).ConfigureAwait(false);
                }
                else
                {
                    var bib = new BibtexWriter();
                    foreach (var paper in papers)
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

        var notResolved = repositories.Values.Where(r => !r.IsDefinite).ToList();
        if (notResolved.Count > 0 && !options.Quiet)
        {
            await stderr.WriteLineAsync($"enrich: {notResolved.Count} of {repositories.Count} GitHub repositories could not be resolved: {notResolved[0].Reason}").ConfigureAwait(false);
        }

        foreach (var p in cacheProblems)
        {
            await stderr.WriteLineAsync($"warning: {p}").ConfigureAwait(false);
        }

        if (unresolved > 0 && !options.Quiet)
        {
            await stderr.WriteLineAsync($"enrich: {unresolved} of {entries.Count} entries could not be resolved (see arxiv.reason)").ConfigureAwait(false);
        }

        if (leftOut.Count > 0)
        {
            await stderr.WriteLineAsync($"enrich: {leftOut.Count} of {entries.Count} entries left out of the {(options.Format == "bibtex" ? "BibTeX" : "CSL-JSON")} output:").ConfigureAwait(false);
            foreach (var line in leftOut)
            {
                await stderr.WriteLineAsync("  " + line).ConfigureAwait(false);
            }
        }

        return failed ? ExitCodes.UsageOrIoError : unresolved > 0 || leftOut.Count > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
    }
}
