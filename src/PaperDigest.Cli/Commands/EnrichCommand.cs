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
        var githubToken = new Option<string?>("--github-token") { Description = "A GitHub token (default: $GITHUB_TOKEN, else $GH_TOKEN). With a token, repositories are looked up 50 per GraphQL query. Never printed or cached.", HelpName = "token" };
        var githubApiUrl = new Option<string?>("--github-api-url") { Description = "The GitHub API root, for GitHub Enterprise Server: https://HOST/api/v3 (GraphQL at https://HOST/api/graphql).", HelpName = "url" };
        var maxWait = new Option<int?>("--max-wait") { Description = "The longest wait, in seconds, for a spent GitHub rate limit to reset (default 60); beyond it the rest is marked not resolved.", HelpName = "seconds" };
        var noGitHub = new Option<bool>("--no-github") { Description = "Do not look up the GitHub repositories the entries link." };
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
            inputs, format, output, cache, noCache, offline, refresh, snapshot, apiUrl, absUrl, threshold,
            githubToken, githubApiUrl, maxWait, noGitHub, layout, quiet,
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
                parseResult.GetValue(quiet))
            {
                GitHubToken = parseResult.GetValue(githubToken),
                GitHubApiUrl = parseResult.GetValue(githubApiUrl),
                MaxWaitSeconds = parseResult.GetValue(maxWait),
                NoGitHub = parseResult.GetValue(noGitHub),
            };
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(
        string[] Inputs, string Format, string? Output, string? Cache, bool NoCache, bool Offline, bool Refresh,
        string? Snapshot, string? ApiUrl, string? AbsUrl, double? TitleThreshold, string Layout, bool Quiet)
    {
        public string? GitHubToken { get; init; }

        public string? GitHubApiUrl { get; init; }

        public int? MaxWaitSeconds { get; init; }

        public bool NoGitHub { get; init; }
    }

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
            if (!options.NoGitHub)
            {
                collection.AddPaperDigestGitHub(o =>
                {
                    o.ReadTokenFromEnvironment = false;
                    o.Token = options.GitHubToken ?? GitHubClientOptions.TokenEnvironmentVariables
                        .Select(context.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
                    if (options.GitHubApiUrl is not null)
                    {
                        o.ApiUrl = Uri.TryCreate(options.GitHubApiUrl, UriKind.Absolute, out var u) ? u : new Uri("invalid:" + options.GitHubApiUrl);
                    }

                    if (options.MaxWaitSeconds is { } w)
                    {
                        o.MaxWait = TimeSpan.FromSeconds(w);
                    }

                    o.CacheMode = options.Offline ? GitHubCacheMode.Offline : options.Refresh ? GitHubCacheMode.Refresh : GitHubCacheMode.Normal;
                });
            }

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
        catch (ArgumentException ex)
        {
            // Invalid GitHub options: one message listing every problem (never the token).
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        await using var _ = services.ConfigureAwait(false);
        var enricher = services.GetRequiredService<DigestEnricher>();
        var limiter = services.GetRequiredService<ArxivRequestLimiter>();
        var progress = new EnrichProgress(stderr, context.ErrorIsTerminal && !options.Quiet, entries.Count, limiter, TimeProvider.System);
        var unresolved = 0;

        // GitHub first (few requests), so every entry can be written with its repositories as soon as arXiv answers.
        IReadOnlyDictionary<string, RepositoryResult> repositories = new Dictionary<string, RepositoryResult>(StringComparer.OrdinalIgnoreCase);
        var github = options.NoGitHub ? null : services.GetService<IGitHubClient>();
        if (github is not null)
        {
            var names = GitHubOnlineChecks.RepositoryNames(entries);
            if (names.Count > 0)
            {
                repositories = await github.GetRepositoriesAsync(names, cancellationToken).ConfigureAwait(false);
                var notResolved = repositories.Values.Where(r => !r.IsDefinite).ToList();
                if (notResolved.Count > 0 && !options.Quiet)
                {
                    await stderr.WriteLineAsync($"enrich: {notResolved.Count} of {names.Count} GitHub repositories could not be resolved: {notResolved[0].Reason}").ConfigureAwait(false);
                }
            }
        }

        IReadOnlyList<RepositoryResult> RepositoriesOf(DigestEntry entry)
        {
            var list = new List<RepositoryResult>();
            foreach (var name in GitHubOnlineChecks.RepositoryNames([entry]))
            {
                if (repositories.TryGetValue(name, out var r))
                {
                    list.Add(r with { Requested = name });
                }
            }

            return list;
        }

        async Task WriteAsync(TextWriter writer)
        {
            var collected = new List<EnrichedEntry>();
            await foreach (var enriched in enricher.EnrichAsync(entries, cancellationToken).ConfigureAwait(false))
            {
                var e = github is null ? enriched : enriched with { Repositories = RepositoriesOf(enriched.Entry) };
                if (!e.IsResolved || e.Repositories.Any(r => !r.IsDefinite))
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
