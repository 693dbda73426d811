using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Cli.Commands;

/// <summary>What the network commands (<c>enrich</c>, <c>validate --online</c>) are told about arXiv, GitHub and the cache.</summary>
internal sealed record NetworkOptions
{
    public string? Cache { get; init; }

    public bool NoCache { get; init; }

    public bool Offline { get; init; }

    public bool Refresh { get; init; }

    public string? Snapshot { get; init; }

    public string? ApiUrl { get; init; }

    public string? AbsUrl { get; init; }

    public double? TitleThreshold { get; init; }

    public string? GitHubToken { get; init; }

    public string? GitHubApiUrl { get; init; }

    public int? MaxWaitSeconds { get; init; }

    public double? TimeoutSeconds { get; init; }

    public bool NoGitHub { get; init; }
}

/// <summary>The options shared by the network commands, and the service provider they build from them.</summary>
internal sealed class EnrichmentSetup
{
    public Option<string?> Cache { get; } = new("--cache") { Description = "The cache file (default: $XDG_CACHE_HOME/paperdigest/enrichment.db, else ~/.cache/paperdigest/enrichment.db).", HelpName = "path" };

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Neither read nor write the cache." };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Answer from the cache (or --arxiv-snapshot) only; make no request." };

    public Option<bool> Refresh { get; } = new("--refresh") { Description = "Ignore cached answers (new answers are still stored)." };

    public Option<string?> Snapshot { get; } = new("--arxiv-snapshot") { Description = "Resolve arXiv identifiers from a Kaggle arXiv metadata snapshot (JSON Lines, .gz too), with no network.", HelpName = "file" };

    public Option<string?> ApiUrl { get; } = new("--arxiv-api-url") { Description = $"The arXiv API endpoint (default {ArxivOptions.DefaultApiUrl}); for mirrors and tests.", HelpName = "url" };

    public Option<string?> AbsUrl { get; } = new("--arxiv-abs-url") { Description = $"The prefix of abstract pages, the fallback source (default {ArxivOptions.DefaultAbsPageUrl}).", HelpName = "url" };

    public Option<double?> Threshold { get; } = new("--title-threshold") { Description = "The least title similarity (0 to 1) counted as a match (default 0.9).", HelpName = "score" };

    public Option<string?> GitHubToken { get; } = new("--github-token") { Description = "A GitHub token (default: $GITHUB_TOKEN, else $GH_TOKEN). With a token, repositories are looked up 50 per GraphQL query. Never printed or cached.", HelpName = "token" };

    public Option<string?> GitHubApiUrl { get; } = new("--github-api-url") { Description = "The GitHub API root, for GitHub Enterprise Server: https://HOST/api/v3 (GraphQL at https://HOST/api/graphql).", HelpName = "url" };

    public Option<int?> MaxWait { get; } = new("--max-wait") { Description = "The longest wait, in seconds, for a spent GitHub rate limit to reset (default 60); beyond it the rest is marked not resolved.", HelpName = "seconds" };

    public Option<bool> NoGitHub { get; } = new("--no-github") { Description = "Do not look up the GitHub repositories the entries link." };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "A deadline, in seconds, for all arXiv requests of the run; past it the entries not yet answered are reported unresolved (exit 3).", HelpName = "seconds" };

    public IEnumerable<Option> All => [Cache, NoCache, Offline, Refresh, Snapshot, ApiUrl, AbsUrl, Threshold, GitHubToken, GitHubApiUrl, MaxWait, NoGitHub, Timeout];

    public NetworkOptions Read(ParseResult parseResult) => new()
    {
        Cache = parseResult.GetValue(Cache),
        NoCache = parseResult.GetValue(NoCache),
        Offline = parseResult.GetValue(Offline),
        Refresh = parseResult.GetValue(Refresh),
        Snapshot = parseResult.GetValue(Snapshot),
        ApiUrl = parseResult.GetValue(ApiUrl),
        AbsUrl = parseResult.GetValue(AbsUrl),
        TitleThreshold = parseResult.GetValue(Threshold),
        GitHubToken = parseResult.GetValue(GitHubToken),
        GitHubApiUrl = parseResult.GetValue(GitHubApiUrl),
        MaxWaitSeconds = parseResult.GetValue(MaxWait),
        NoGitHub = parseResult.GetValue(NoGitHub),
        TimeoutSeconds = parseResult.GetValue(Timeout),
    };

    /// <summary>Builds the enrichment services; invalid options are printed (never the token) and give <see langword="null"/>.</summary>
    public static async Task<ServiceProvider?> BuildAsync(NetworkOptions options, CliContext context, TextWriter stderr, Action<string> cacheProblem)
    {
        var token = options.GitHubToken ?? GitHubClientOptions.TokenEnvironmentVariables.Select(context.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (!options.NoGitHub && !string.IsNullOrEmpty(token) && options.GitHubApiUrl is { } gitHubApi
            && Uri.TryCreate(gitHubApi, UriKind.Absolute, out var gitHubUri) && gitHubUri.Scheme == Uri.UriSchemeHttp && !gitHubUri.IsLoopback)
        {
            await stderr.WriteLineAsync($"error: --github-api-url: refusing to send the GitHub token over plain http:// to {gitHubUri.Host}; use https:// (plain http is allowed only for a loopback host)").ConfigureAwait(false);
            return null;
        }

        if (!options.NoCache && (options.Cache ?? EnrichmentCacheFile.DefaultPath(context.GetEnvironmentVariable)) is { } cachePath && !EnrichmentCacheFile.CanUse(cachePath))
        {
            await stderr.WriteLineAsync($"error: --cache: '{cachePath}' exists and is not a PaperDigest cache; refusing to overwrite it (name another file, or --no-cache)").ConfigureAwait(false);
            return null;
        }

        try
        {
            var collection = new ServiceCollection();
            collection.AddPaperDigestEnrichment(o =>
            {
                if (options.ApiUrl is not null)
                {
                    o.Arxiv.ApiUrl = AbsoluteOrInvalid(options.ApiUrl);
                }

                if (options.AbsUrl is not null)
                {
                    o.Arxiv.AbsPageUrl = AbsoluteOrInvalid(options.AbsUrl);
                }

                o.Arxiv.SnapshotPath = options.Snapshot;
                o.UseCache = !options.NoCache;
                o.CachePath = options.Cache ?? EnrichmentCacheFile.DefaultPath(context.GetEnvironmentVariable);
                o.UseCache &= o.CachePath is not null;
                o.Offline = options.Offline;
                o.Refresh = options.Refresh;
                if (options.TitleThreshold is { } t)
                {
                    o.TitleMatchThreshold = t;
                }

                o.CacheProblemReporter = cacheProblem;
                o.RemoteProblemReporter = p => stderr.WriteLine($"warning: {p}");
                if (options.TimeoutSeconds is { } timeout)
                {
                    o.Deadline = timeout > 0 && timeout < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(timeout) : TimeSpan.Zero;
                }
            });
            if (!options.NoGitHub)
            {
                collection.AddPaperDigestGitHub(o =>
                {
                    o.ReadTokenFromEnvironment = false;
                    o.Token = token;
                    if (options.GitHubApiUrl is not null)
                    {
                        o.ApiUrl = AbsoluteOrInvalid(options.GitHubApiUrl);
                    }

                    if (options.MaxWaitSeconds is { } w)
                    {
                        o.MaxWait = TimeSpan.FromSeconds(w);
                    }

                    o.CacheMode = options.Offline ? GitHubCacheMode.Offline : options.Refresh ? GitHubCacheMode.Refresh : GitHubCacheMode.Normal;
                });
            }

            return collection.BuildServiceProvider();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var f in ex.Failures)
            {
                await stderr.WriteLineAsync($"error: {f}").ConfigureAwait(false);
            }

            return null;
        }
        catch (ArgumentException ex)
        {
            // Invalid GitHub options: one message listing every problem (never the token).
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    // A value that is not an absolute URL is passed on as an 'invalid:' URI, so the options' own validation reports it
    // together with every other problem.
    private static Uri AbsoluteOrInvalid(string value) => Uri.TryCreate(value, UriKind.Absolute, out var u) ? u : new Uri("invalid:" + value);
}
