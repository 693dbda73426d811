using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>
/// Looks up GitHub repositories quota-frugally: fresh cache entries first, stale ones revalidated with <c>If-None-Match</c>
/// (a 304 costs no quota), the rest through GraphQL in batches of up to 50 when there is a token, else through REST.
/// Requests go out one at a time; rate limits are waited out within <see cref="GitHubClientOptions.MaxWait"/> or stop the run.
/// </summary>
/// <remarks>
/// <para>
/// This class only orders the work; each concern has its own part: <see cref="GitHubRepositoryCache"/> (the cache and
/// conditional requests), <see cref="GitHubRestLookup"/> (REST, redirects), <see cref="GitHubGraphQlLookup"/> (GraphQL
/// batching), <see cref="GitHubRateLimits"/> (quota and rate-limit waits), <see cref="GitHubConnection"/> (headers, token,
/// transport failures), and <see cref="GitHubStatusTable"/>, the one table from HTTP status to outcome.
/// </para>
/// <para>
/// Created through <c>services.AddPaperDigestGitHub(...)</c>, which adds transient-fault retries and timeouts; the
/// <see cref="HttpClient"/> given to the constructor must not follow redirects itself (the client follows 301s and keeps the
/// token only on the API host).
/// </para>
/// </remarks>
internal sealed class GitHubClient : IGitHubClient
{
    /// <summary>The cache kind of found repositories.</summary>
    public const string CacheKind = "github";

    /// <summary>The cache kind of definite "not found" and "access blocked" answers.</summary>
    public const string MissingCacheKind = "github-missing";

    private readonly GitHubClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly GitHubConnection _connection;
    private readonly GitHubCounters _counters = new();
    private readonly GitHubRateLimits _limits;
    private readonly GitHubRepositoryCache _cache;
    private readonly GitHubRestLookup _rest;
    private readonly GitHubGraphQlLookup _graphQl;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client; it must not follow redirects itself.</param>
    /// <param name="options">The options; validated here and copied.</param>
    /// <param name="cache">The cache; <see langword="null"/> caches nothing.</param>
    /// <param name="timeProvider">The clock used for rate-limit waits and cache times; <see langword="null"/> uses the system clock.</param>
    /// <param name="logger">The logger; <see langword="null"/> logs nothing.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public GitHubClient(HttpClient httpClient, GitHubClientOptions options, IEnrichmentCache? cache = null, TimeProvider? timeProvider = null, ILogger<GitHubClient>? logger = null)
        : this(httpClient, options, cache, timeProvider, logger, new GitHubRequestGate(), null)
    {
    }

    internal GitHubClient(HttpClient httpClient, GitHubClientOptions options, IEnrichmentCache? cache, TimeProvider? timeProvider, ILogger? logger, GitHubRequestGate gate, Func<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        ArgumentNullException.ThrowIfNull(gate);
        _options = options.Clone();
        _logger = logger ?? NullLogger.Instance;
        _gate = gate.Semaphore;
        var time = timeProvider ?? TimeProvider.System;
        var token = _options.ResolveToken(environment);
        _connection = new GitHubConnection(httpClient, _options, token, GitHubClientOptions.WithTrailingSlash(_options.ApiUrl));
        _limits = new GitHubRateLimits(gate.Limits, _options, time, _logger, _counters, hasToken: token is not null);
        _cache = new GitHubRepositoryCache(cache ?? NullEnrichmentCache.Instance, _options, time, _counters);
        _rest = new GitHubRestLookup(_connection, _limits, _cache, _options, _logger, _counters);
        _graphQl = new GitHubGraphQlLookup(_connection, _limits, _cache, _options.GetGraphQlUrl(), _logger, _counters);
    }

    /// <summary>Whether lookups go through GraphQL (a token is configured) rather than REST.</summary>
    public bool UsesGraphQl => _connection.HasToken && _options.UseGraphQl;

    /// <summary>What the client has done so far.</summary>
    public GitHubRequestStatistics Statistics => _counters.Snapshot();

    /// <summary>Whether the client is waiting for a rate limit now (tests drive their fake clock with it).</summary>
    internal bool IsWaiting => _limits.IsWaiting;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RepositoryResult>> GetRepositoriesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var results = new Dictionary<string, RepositoryResult>(StringComparer.OrdinalIgnoreCase);
        var wanted = new List<GitHubWanted>();
        foreach (var name in names)
        {
            if (name is null || results.ContainsKey(name))
            {
                continue;
            }

            if (!GitHubRepositoryName.TryParse(name, out var owner, out var repo))
            {
                results[name] = new RepositoryResult(name, RepositoryState.Failed, Reason: $"'{name}' is not an owner/name repository name.");
                continue;
            }

            results[name] = new RepositoryResult(name, RepositoryState.NotResolved, Reason: "not asked");
            wanted.Add(new GitHubWanted(name, owner, repo, GitHubRepositoryName.CacheKey(name)));
        }

        if (wanted.Count == 0)
        {
            return results;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ResolveAsync(wanted, results, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        return results;
    }

    /// <summary>The cache answers what it can; stale entries are revalidated; the rest is fetched, in GraphQL batches with a token.</summary>
    private async Task ResolveAsync(List<GitHubWanted> wanted, Dictionary<string, RepositoryResult> results, CancellationToken cancellationToken)
    {
        var (revalidate, fetch) = await _cache.PlanAsync(wanted, results, cancellationToken).ConfigureAwait(false);
        var run = new GitHubRun();
        foreach (var stale in revalidate)
        {
            var (result, store) = await _rest.LookupAsync(stale.Want, stale, run, cancellationToken).ConfigureAwait(false);
            if (result.State is RepositoryState.Failed or RepositoryState.NotResolved)
            {
                // A stale answer is better than none; it is not stored again, so it is revalidated next time.
                var stamp = stale.Entry.StoredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                result = GitHubOutcomes.ResultFor(stale.Want.Requested, stale.Cached) with { Reason = $"cached answer from {stamp} UTC; could not revalidate: {result.Reason}" };
            }

            await CompleteAsync(stale.Want, result, store, results, cancellationToken).ConfigureAwait(false);
        }

        if (UsesGraphQl)
        {
            foreach (var batch in fetch.Chunk(_options.GraphQlBatchSize))
            {
                var answers = await _graphQl.LookupAsync(batch, run, cancellationToken).ConfigureAwait(false);
                var stores = new List<CacheEntry>();
                foreach (var (w, (result, store)) in batch.Zip(answers))
                {
                    results[w.Requested] = result;
                    if (store is not null)
                    {
                        stores.Add(store);
                    }
                }

                await _cache.StoreAsync(stores, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var w in fetch)
            {
                var (result, store) = await _rest.LookupAsync(w, null, run, cancellationToken).ConfigureAwait(false);
                await CompleteAsync(w, result, store, results, cancellationToken).ConfigureAwait(false);
            }
        }

        if (run.StopReason is not null)
        {
            GitHubLog.Stopped(_logger, run.StopReason);
        }
    }

    private async Task CompleteAsync(GitHubWanted w, RepositoryResult result, CacheEntry? store, Dictionary<string, RepositoryResult> results, CancellationToken cancellationToken)
    {
        results[w.Requested] = result;
        if (store is not null)
        {
            await _cache.StoreAsync([store], cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// What GitHub clients of one container share: the gate that sends requests one at a time, and the rate-limit state per
/// resource (only read and written while the gate is held).
/// </summary>
internal sealed class GitHubRequestGate
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);

    public Dictionary<string, (int Remaining, DateTimeOffset Reset)> Limits { get; } = new(StringComparer.Ordinal);
}
