using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Enrichment.Caching;
using Polly.Timeout;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>
/// Looks up GitHub repositories quota-frugally: fresh cache entries first, stale ones revalidated with <c>If-None-Match</c>
/// (a 304 costs no quota), the rest through GraphQL in batches of up to 50 when there is a token, else through REST.
/// Requests go out one at a time; rate limits are waited out within <see cref="GitHubClientOptions.MaxWait"/> or stop the run.
/// </summary>
/// <remarks>
/// Create it through <c>services.AddPaperDigestGitHub(...)</c>, which adds transient-fault retries and timeouts; the
/// <see cref="HttpClient"/> given to the constructor must not follow redirects itself (the client follows 301s and keeps the
/// token only on the API host).
/// </remarks>
internal sealed partial class GitHubClient : IGitHubClient
{
    /// <summary>The cache kind of found repositories.</summary>
    public const string CacheKind = "github";

    /// <summary>The cache kind of definite "not found" and "access blocked" answers.</summary>
    public const string MissingCacheKind = "github-missing";

    private const string RepositoryFields =
        "nameWithOwner url description homepageUrl stargazerCount forkCount licenseInfo{spdxId} primaryLanguage{name} "
        + "isArchived isDisabled pushedAt defaultBranchRef{name} repositoryTopics(first:20){nodes{topic{name}}}";

    private readonly HttpClient _http;
    private readonly GitHubClientOptions _options;
    private readonly IEnrichmentCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly string? _token;
    private readonly Uri _apiUrl;
    private readonly Uri _graphQlUrl;
    private readonly Dictionary<string, (int Remaining, DateTimeOffset Reset)> _limits;
    private int _restRequests;
    private int _notModified;
    private int _graphQlRequests;
    private int _graphQlCost;
    private int _cacheHits;
    private long _waitTicks;
    private int _waiting;

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
        _http = httpClient;
        _options = options.Clone();
        _cache = cache ?? NullEnrichmentCache.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate.Semaphore;
        _limits = gate.Limits;
        _token = _options.ResolveToken(environment);
        _apiUrl = GitHubClientOptions.WithTrailingSlash(_options.ApiUrl);
        _graphQlUrl = _options.GetGraphQlUrl();
    }

    /// <summary>Whether lookups go through GraphQL (a token is configured) rather than REST.</summary>
    public bool UsesGraphQl => _token is not null && _options.UseGraphQl;

    /// <summary>What the client has done so far.</summary>
    public GitHubRequestStatistics Statistics => new()
    {
        RestRequests = Volatile.Read(ref _restRequests),
        NotModified = Volatile.Read(ref _notModified),
        GraphQlRequests = Volatile.Read(ref _graphQlRequests),
        GraphQlCost = Volatile.Read(ref _graphQlCost),
        CacheHits = Volatile.Read(ref _cacheHits),
        RateLimitWait = TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks)),
    };

    /// <summary>Whether the client is waiting for a rate limit now (tests drive their fake clock with it).</summary>
    internal bool IsWaiting => Volatile.Read(ref _waiting) > 0;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RepositoryResult>> GetRepositoriesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var results = new Dictionary<string, RepositoryResult>(StringComparer.OrdinalIgnoreCase);
        var wanted = new List<Wanted>();
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
            wanted.Add(new Wanted(name, owner, repo, GitHubRepositoryName.CacheKey(name)));
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

    private async Task ResolveAsync(List<Wanted> wanted, Dictionary<string, RepositoryResult> results, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        IReadOnlyDictionary<string, CacheEntry> found = new Dictionary<string, CacheEntry>();
        IReadOnlyDictionary<string, CacheEntry> missing = new Dictionary<string, CacheEntry>();
        if (_options.CacheMode != GitHubCacheMode.Refresh)
        {
            var keys = wanted.Select(w => w.Key).ToList();
            found = await _cache.GetManyAsync(CacheKind, keys, cancellationToken).ConfigureAwait(false);
            missing = await _cache.GetManyAsync(MissingCacheKind, keys, cancellationToken).ConfigureAwait(false);
        }

        var offline = _options.CacheMode == GitHubCacheMode.Offline;
        var revalidate = new List<(Wanted Want, CacheEntry Entry, GitHubRepository Cached)>();
        var fetch = new List<Wanted>();
        foreach (var w in wanted)
        {
            found.TryGetValue(w.Key, out var hit);
            missing.TryGetValue(w.Key, out var miss);

            // The newer of the two entries speaks for the repository.
            if (hit is not null && miss is not null)
            {
                if (miss.StoredAt > hit.StoredAt)
                {
                    hit = null;
                }
                else
                {
                    miss = null;
                }
            }

            var cachedRepository = hit is null ? null : ReadCachedRepository(hit);
            var cachedMissing = miss is null ? null : ReadMissing(miss);
            if (cachedRepository is not null && (offline || hit!.IsFresh(now)))
            {
                results[w.Requested] = ResultFor(w.Requested, cachedRepository);
                Interlocked.Increment(ref _cacheHits);
            }
            else if (cachedMissing is not null && (offline || miss!.IsFresh(now)))
            {
                results[w.Requested] = new RepositoryResult(w.Requested, cachedMissing.State, Reason: cachedMissing.Reason);
                Interlocked.Increment(ref _cacheHits);
            }
            else if (offline)
            {
                results[w.Requested] = new RepositoryResult(w.Requested, RepositoryState.NotResolved, Reason: "offline, and the cache has no answer for this repository");
            }
            else if (cachedRepository is not null && hit!.ETag is not null)
            {
                revalidate.Add((w, hit, cachedRepository));
            }
            else
            {
                fetch.Add(w);
            }
        }

        var run = new Run();
        foreach (var (w, entry, cached) in revalidate)
        {
            var (result, store) = await RestLookupAsync(w, entry, cached, run, cancellationToken).ConfigureAwait(false);
            if (result.State is RepositoryState.Failed or RepositoryState.NotResolved)
            {
                // A stale answer is better than none; it is not stored again, so it is revalidated next time.
                var stamp = entry.StoredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                result = ResultFor(w.Requested, cached) with { Reason = $"cached answer from {stamp} UTC; could not revalidate: {result.Reason}" };
            }

            await CompleteAsync(w, result, store, results, cancellationToken).ConfigureAwait(false);
        }

        if (UsesGraphQl)
        {
            foreach (var batch in fetch.Chunk(_options.GraphQlBatchSize))
            {
                var answers = await GraphQlLookupAsync(batch, run, cancellationToken).ConfigureAwait(false);
                var stores = new List<CacheEntry>();
                foreach (var (w, (result, store)) in batch.Zip(answers))
                {
                    results[w.Requested] = result;
                    if (store is not null)
                    {
                        stores.Add(store);
                    }
                }

                await StoreAsync(stores, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var w in fetch)
            {
                var (result, store) = await RestLookupAsync(w, null, null, run, cancellationToken).ConfigureAwait(false);
                await CompleteAsync(w, result, store, results, cancellationToken).ConfigureAwait(false);
            }
        }

        if (run.StopReason is not null)
        {
            LogStopped(_logger, run.StopReason);
        }
    }

    private async Task CompleteAsync(Wanted w, RepositoryResult result, CacheEntry? store, Dictionary<string, RepositoryResult> results, CancellationToken cancellationToken)
    {
        results[w.Requested] = result;
        if (store is not null)
        {
            await StoreAsync([store], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StoreAsync(IReadOnlyCollection<CacheEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await _cache.SetManyAsync(entries, cancellationToken).ConfigureAwait(false);

        // A found repository replaces an older "missing" answer and the other way round.
        foreach (var e in entries)
        {
            var other = e.Kind == CacheKind ? MissingCacheKind : CacheKind;
            await _cache.RemoveAsync(other, e.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(RepositoryResult Result, CacheEntry? Store)> RestLookupAsync(Wanted w, CacheEntry? cachedEntry, GitHubRepository? cached, Run run, CancellationToken cancellationToken)
    {
        var uri = new Uri(_apiUrl, $"repos/{Uri.EscapeDataString(w.Owner)}/{Uri.EscapeDataString(w.Repo)}");
        var redirects = 0;
        var secondary = 0;
        while (true)
        {
            if (!await WaitForQuotaAsync("core", run, cancellationToken).ConfigureAwait(false))
            {
                return (NotResolved(w, run), null);
            }

            using var request = CreateRequest(HttpMethod.Get, uri);
            if (cachedEntry?.ETag is { } etag && redirects == 0)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            Interlocked.Increment(ref _restRequests);
            var (response, failure) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: failure), null);
            }

            using (response)
            {
                var resource = RecordRateLimit(response, "core");
                var status = (int)response.StatusCode;
                LogResponse(_logger, "GET", uri.Host, uri.AbsolutePath, status);
                switch (status)
                {
                    case 200:
                        {
                            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                            var repository = ParseRest(body, uri);
                            if (repository is null)
                            {
                                return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: "GitHub's answer could not be read as a repository."), null);
                            }

                            var tag = redirects == 0 ? response.Headers.ETag?.ToString() : null;
                            return (ResultFor(w.Requested, repository), RepositoryEntry(w.Key, repository, tag));
                        }

                    case 304 when cachedEntry is not null && cached is not null:
                        {
                            Interlocked.Increment(ref _notModified);
                            var now = _time.GetUtcNow();
                            var refreshed = cachedEntry with
                            {
                                ETag = response.Headers.ETag?.ToString() ?? cachedEntry.ETag,
                                StoredAt = now,
                                ExpiresAt = now + _options.RepositoryTtl,
                            };
                            return (ResultFor(w.Requested, cached), refreshed);
                        }

                    case 301 or 302 or 307 or 308:
                        {
                            var location = response.Headers.Location;
                            if (location is null)
                            {
                                return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: $"GitHub answered {status} without a location."), null);
                            }

                            if (++redirects > _options.MaxRedirects)
                            {
                                return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: $"more than {_options.MaxRedirects} redirects."), null);
                            }

                            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                            {
                                return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: "GitHub redirected to a URL that is not http(s)."), null);
                            }

                            continue;
                        }

                    case 404:
                        return NotFoundResult(w, "GitHub answered 404: no such repository, or it is private.");

                    case 451:
                        {
                            var error = ParseError(await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false));
                            var reason = "access blocked for legal reasons (HTTP 451)"
                                + (error?.Block?.Reason is { Length: > 0 } r ? $": {r}" : "")
                                + (error?.Block?.HtmlUrl is { Length: > 0 } u ? $" ({u})" : "");
                            return (new RepositoryResult(w.Requested, RepositoryState.Blocked, Reason: reason), MissingEntry(w.Key, RepositoryState.Blocked, reason));
                        }

                    case 401:
                        run.Stop("GitHub rejected the token (HTTP 401 Bad credentials); check GITHUB_TOKEN, GH_TOKEN or --github-token.");
                        return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: "GitHub rejected the token (HTTP 401)."), null);

                    case 403 or 429:
                        {
                            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                            var message = ParseError(body)?.Message;
                            var verdict = await HandleLimitAsync(response, message, resource, ++secondary, run, cancellationToken).ConfigureAwait(false);
                            if (verdict == LimitVerdict.Retry)
                            {
                                continue;
                            }

                            if (verdict == LimitVerdict.Stopped)
                            {
                                return (NotResolved(w, run), null);
                            }

                            return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: $"GitHub answered {status}: {Trim(message) ?? "forbidden"}"), null);
                        }

                    default:
                        return (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: $"GitHub answered {status} {response.ReasonPhrase}".TrimEnd()), null);
                }
            }
        }
    }

    private async Task<List<(RepositoryResult Result, CacheEntry? Store)>> GraphQlLookupAsync(Wanted[] batch, Run run, CancellationToken cancellationToken)
    {
        var secondary = 0;
        while (true)
        {
            if (!await WaitForQuotaAsync("graphql", run, cancellationToken).ConfigureAwait(false))
            {
                return [.. batch.Select(w => (NotResolved(w, run), (CacheEntry?)null))];
            }

            using var request = CreateRequest(HttpMethod.Post, _graphQlUrl);
            request.Content = new StringContent(JsonSerializer.Serialize(BuildQuery(batch), GitHubJsonContext.Default.GraphQlRequest), Encoding.UTF8, "application/json");
            Interlocked.Increment(ref _graphQlRequests);
            var (response, failure) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return Fail(batch, failure);
            }

            using (response)
            {
                var resource = RecordRateLimit(response, "graphql");
                var status = (int)response.StatusCode;
                LogResponse(_logger, "POST", _graphQlUrl.Host, _graphQlUrl.AbsolutePath, status);
                var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                GraphQlResponse? answer = null;
                try
                {
                    answer = body.Length == 0 ? null : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GraphQlResponse);
                }
                catch (JsonException)
                {
                    // Not JSON: handled by status below.
                }

                var rateLimited = answer?.Errors?.Any(e => e.Type == "RATE_LIMITED") == true;
                if (status is 403 or 429 || (status == 200 && rateLimited))
                {
                    var message = answer?.Errors?.FirstOrDefault()?.Message ?? ParseError(body)?.Message;
                    if (rateLimited && !response.Headers.Contains("x-ratelimit-remaining"))
                    {
                        message ??= "API rate limit exceeded";
                    }

                    var verdict = await HandleLimitAsync(response, message, resource, ++secondary, run, cancellationToken, primaryHint: rateLimited).ConfigureAwait(false);
                    if (verdict == LimitVerdict.Retry)
                    {
                        continue;
                    }

                    if (verdict == LimitVerdict.Stopped)
                    {
                        return [.. batch.Select(w => (NotResolved(w, run), (CacheEntry?)null))];
                    }

                    return Fail(batch, $"GitHub answered {status}: {Trim(message) ?? "forbidden"}");
                }

                if (status == 401)
                {
                    run.Stop("GitHub rejected the token (HTTP 401 Bad credentials); check GITHUB_TOKEN, GH_TOKEN or --github-token.");
                    return Fail(batch, "GitHub rejected the token (HTTP 401).");
                }

                if (status != 200 || answer is null)
                {
                    return Fail(batch, status == 200 ? "GitHub's GraphQL answer could not be read." : $"GitHub answered {status} {response.ReasonPhrase}".TrimEnd());
                }

                return ReadGraphQl(batch, answer);
            }
        }
    }

    private List<(RepositoryResult Result, CacheEntry? Store)> ReadGraphQl(Wanted[] batch, GraphQlResponse answer)
    {
        var data = answer.Data is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
        if (data is { } dd && dd.TryGetProperty("rateLimit", out var rl) && rl.ValueKind == JsonValueKind.Object)
        {
            var limit = rl.Deserialize(GitHubJsonContext.Default.GraphQlRateLimit);
            if (limit is not null)
            {
                Interlocked.Add(ref _graphQlCost, limit.Cost);
                if (limit.ResetAt is { } reset)
                {
                    _limits["graphql"] = (limit.Remaining, reset);
                }
            }
        }

        var errors = answer.Errors ?? [];
        var list = new List<(RepositoryResult, CacheEntry?)>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var w = batch[i];
            var alias = "r" + i.ToString(CultureInfo.InvariantCulture);
            if (data is { } obj && obj.TryGetProperty(alias, out var node) && node.ValueKind == JsonValueKind.Object)
            {
                GraphQlRepository? repo = null;
                try
                {
                    repo = node.Deserialize(GitHubJsonContext.Default.GraphQlRepository);
                }
                catch (JsonException)
                {
                    // Reported below.
                }

                var repository = repo is null ? null : FromGraphQl(repo);
                list.Add(repository is null
                    ? (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: "GitHub's GraphQL answer for this repository could not be read."), null)
                    : (ResultFor(w.Requested, repository), RepositoryEntry(w.Key, repository, null)));
                continue;
            }

            var error = errors.FirstOrDefault(e => e.Path is { Count: > 0 } p && p[0].ValueKind == JsonValueKind.String && p[0].GetString() == alias)
                ?? (data is null ? errors.FirstOrDefault() : null);
            if (error?.Type == "NOT_FOUND")
            {
                list.Add(NotFoundResult(w, "GitHub's GraphQL API found no such repository (NOT_FOUND), or it is private."));
            }
            else if (error?.Type == "UNAVAILABLE_FOR_LEGAL_REASONS" || error?.Message?.Contains("access blocked", StringComparison.OrdinalIgnoreCase) == true)
            {
                var reason = $"access blocked for legal reasons: {Trim(error.Message)}";
                list.Add((new RepositoryResult(w.Requested, RepositoryState.Blocked, Reason: reason), MissingEntry(w.Key, RepositoryState.Blocked, reason)));
            }
            else
            {
                var reason = error is null
                    ? "GitHub's GraphQL answer had no data for this repository."
                    : $"GitHub's GraphQL API answered {error.Type ?? "an error"}: {Trim(error.Message)}";
                list.Add((new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: reason), null));
            }
        }

        return list;
    }

    private static GraphQlRequest BuildQuery(Wanted[] batch)
    {
        var query = new StringBuilder("query(");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Length; i++)
        {
            query.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}$o{i}:String!,$n{i}:String!");
            variables[$"o{i}"] = batch[i].Owner;
            variables[$"n{i}"] = batch[i].Repo;
        }

        query.Append("){rateLimit{cost remaining resetAt}");
        for (var i = 0; i < batch.Length; i++)
        {
            query.Append(CultureInfo.InvariantCulture, $" r{i}:repository(owner:$o{i},name:$n{i}){{...R}}");
        }

        query.Append("} fragment R on Repository{").Append(RepositoryFields).Append('}');
        return new GraphQlRequest { Query = query.ToString(), Variables = variables };
    }

    private static List<(RepositoryResult Result, CacheEntry? Store)> Fail(Wanted[] batch, string? reason)
        => [.. batch.Select(w => (new RepositoryResult(w.Requested, RepositoryState.Failed, Reason: reason), (CacheEntry?)null))];

    private (RepositoryResult Result, CacheEntry? Store) NotFoundResult(Wanted w, string reason)
        => (new RepositoryResult(w.Requested, RepositoryState.NotFound, Reason: reason), MissingEntry(w.Key, RepositoryState.NotFound, reason));

    private static RepositoryResult NotResolved(Wanted w, Run run)
        => new(w.Requested, RepositoryState.NotResolved, Reason: run.StopReason ?? "not asked");

    private static RepositoryResult ResultFor(string requested, GitHubRepository repository)
        => new(requested, string.Equals(requested, repository.FullName, StringComparison.OrdinalIgnoreCase) ? RepositoryState.Found : RepositoryState.Renamed, repository);

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");

        // The token goes to the configured API host only: never to a host a redirect points at.
        if (_token is not null && IsApiHost(uri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return request;
    }

    private bool IsApiHost(Uri uri)
        => string.Equals(uri.Scheme, _apiUrl.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(uri.IdnHost, _apiUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
           && uri.Port == _apiUrl.Port;

    private async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            return (response, null);
        }
        catch (TimeoutRejectedException)
        {
            return (null, $"{request.RequestUri!.Host} did not answer in time (timed out after {_options.TransientRetries + 1} attempts of {_options.AttemptTimeout.TotalSeconds:0.#} s).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{request.RequestUri!.Host} did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            // The message of an HttpRequestException names the host and the error, never the request headers.
            return (null, $"could not reach {request.RequestUri!.Host}: {ex.HttpRequestError}.");
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

    private static GitHubRepository? ParseRest(string body, Uri requestUri)
    {
        RestRepository? r;
        try
        {
            r = JsonSerializer.Deserialize(body, GitHubRestJsonContext.Default.RestRepository);
        }
        catch (JsonException)
        {
            return null;
        }

        if (r?.FullName is null || !GitHubRepositoryName.TryParse(r.FullName, out var owner, out var name))
        {
            return null;
        }

        return new GitHubRepository
        {
            Owner = owner,
            Name = name,
            HtmlUrl = r.HtmlUrl ?? $"https://{(requestUri.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase) ? requestUri.Host[4..] : requestUri.Host)}/{owner}/{name}",
            Description = NullIfEmpty(r.Description),
            Stars = r.StargazersCount,
            Forks = r.ForksCount,
            License = NullIfEmpty(r.License?.SpdxId),
            Language = NullIfEmpty(r.Language),
            Topics = r.Topics ?? [],
            Archived = r.Archived,
            Disabled = r.Disabled,
            PushedAt = r.PushedAt,
            DefaultBranch = NullIfEmpty(r.DefaultBranch),
            Homepage = NullIfEmpty(r.Homepage),
        };
    }

    private static GitHubRepository? FromGraphQl(GraphQlRepository r)
    {
        if (r.NameWithOwner is null || !GitHubRepositoryName.TryParse(r.NameWithOwner, out var owner, out var name))
        {
            return null;
        }

        return new GitHubRepository
        {
            Owner = owner,
            Name = name,
            HtmlUrl = r.Url ?? $"https://github.com/{owner}/{name}",
            Description = NullIfEmpty(r.Description),
            Stars = r.StargazerCount,
            Forks = r.ForkCount,
            License = NullIfEmpty(r.LicenseInfo?.SpdxId),
            Language = NullIfEmpty(r.PrimaryLanguage?.Name),
            Topics = [.. (r.RepositoryTopics?.Nodes ?? []).Select(n => n.Topic?.Name).OfType<string>()],
            Archived = r.IsArchived,
            Disabled = r.IsDisabled,
            PushedAt = r.PushedAt,
            DefaultBranch = NullIfEmpty(r.DefaultBranchRef?.Name),
            Homepage = NullIfEmpty(r.HomepageUrl),
        };
    }

    private static RestError? ParseError(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, GitHubRestJsonContext.Default.RestError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string? Trim(string? message)
        => message is null ? null : message.Length <= 200 ? message : string.Concat(message.AsSpan(0, 200), "…");

    private CacheEntry RepositoryEntry(string key, GitHubRepository repository, string? etag)
    {
        var now = _time.GetUtcNow();
        return new CacheEntry(CacheKind, key, JsonSerializer.Serialize(repository, GitHubJsonContext.Default.GitHubRepository), etag, now, now + _options.RepositoryTtl);
    }

    private CacheEntry MissingEntry(string key, RepositoryState state, string reason)
    {
        var now = _time.GetUtcNow();
        var payload = new MissingPayload { State = state, Reason = reason };
        return new CacheEntry(MissingCacheKind, key, JsonSerializer.Serialize(payload, GitHubJsonContext.Default.MissingPayload), null, now, now + _options.MissingTtl);
    }

    private static GitHubRepository? ReadCachedRepository(CacheEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize(entry.Payload, GitHubJsonContext.Default.GitHubRepository);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MissingPayload? ReadMissing(CacheEntry entry)
    {
        try
        {
            var payload = JsonSerializer.Deserialize(entry.Payload, GitHubJsonContext.Default.MissingPayload);
            return payload is { State: RepositoryState.NotFound or RepositoryState.Blocked } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the rate-limit headers of an answer and remembers them per resource.</summary>
    private string RecordRateLimit(HttpResponseMessage response, string defaultResource)
    {
        var resource = Header(response, "x-ratelimit-resource") ?? defaultResource;
        if (int.TryParse(Header(response, "x-ratelimit-remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            _limits[resource] = (remaining, DateTimeOffset.FromUnixTimeSeconds(reset));
        }

        return resource;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Before a request: if the resource's quota is known to be spent, waits for the reset (within MaxWait) or stops the run.</summary>
    private async Task<bool> WaitForQuotaAsync(string resource, Run run, CancellationToken cancellationToken)
    {
        if (run.StopReason is not null)
        {
            return false;
        }

        if (!_limits.TryGetValue(resource, out var limit) || limit.Remaining > 0)
        {
            return true;
        }

        var wait = limit.Reset - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            _limits.Remove(resource);
            return true;
        }

        return await WaitForResetAsync(resource, limit.Reset, run, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> WaitForResetAsync(string resource, DateTimeOffset reset, Run run, CancellationToken cancellationToken)
    {
        var wait = reset - _time.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (wait > _options.MaxWait)
        {
            run.Stop($"GitHub's {resource} rate limit is spent until {reset.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, "
                + $"{Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s away, longer than the maximum wait of {_options.MaxWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; "
                + (_token is null ? "not asked (a token raises the limit)." : "not asked."));
            return false;
        }

        await DelayAsync(wait, resource, cancellationToken).ConfigureAwait(false);
        _limits.Remove(resource);
        return true;
    }

    private async Task DelayAsync(TimeSpan wait, string resource, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        LogWaiting(_logger, resource, wait.TotalSeconds);
        Interlocked.Add(ref _waitTicks, wait.Ticks);
        Interlocked.Increment(ref _waiting);
        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Classifies a 403/429 answer (primary limit, secondary limit or plain refusal) and waits when it should.</summary>
    private async Task<LimitVerdict> HandleLimitAsync(HttpResponseMessage response, string? message, string resource, int attempt, Run run, CancellationToken cancellationToken, bool primaryHint = false)
    {
        var remainingText = Header(response, "x-ratelimit-remaining");
        var retryAfter = RetryAfter(response);
        var primary = remainingText == "0" || (primaryHint && retryAfter is null);
        if (primary && retryAfter is null)
        {
            if (!long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds))
            {
                run.Stop($"GitHub's {resource} rate limit is spent and GitHub did not say when it resets; not asked.");
                return LimitVerdict.Stopped;
            }

            var reset = DateTimeOffset.FromUnixTimeSeconds(resetSeconds);
            _limits[resource] = (0, reset);
            return await WaitForResetAsync(resource, reset, run, cancellationToken).ConfigureAwait(false) ? LimitVerdict.Retry : LimitVerdict.Stopped;
        }

        var secondary = retryAfter is not null
            || response.StatusCode == HttpStatusCode.TooManyRequests
            || (message is not null && (message.Contains("rate limit", StringComparison.OrdinalIgnoreCase) || message.Contains("abuse", StringComparison.OrdinalIgnoreCase)));
        if (!secondary)
        {
            return LimitVerdict.Refused;
        }

        if (attempt > _options.SecondaryRateLimitRetries)
        {
            run.Stop($"GitHub's secondary rate limit was hit {attempt} times in a row; not asked.");
            return LimitVerdict.Stopped;
        }

        // Honour retry-after; else at least a minute, doubling, up to the bound.
        var wait = retryAfter ?? TimeSpan.FromSeconds(60 * Math.Pow(2, attempt - 1));
        if (retryAfter is null && wait > _options.MaxSecondaryWait)
        {
            wait = _options.MaxSecondaryWait;
        }

        if (wait > _options.MaxSecondaryWait)
        {
            run.Stop($"GitHub's secondary rate limit asks to wait {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, longer than {_options.MaxSecondaryWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; not asked.");
            return LimitVerdict.Stopped;
        }

        await DelayAsync(wait, resource, cancellationToken).ConfigureAwait(false);
        return LimitVerdict.Retry;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var value = response.Headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GitHub {Method} {Host}{Path} answered {Status}")]
    private static partial void LogResponse(ILogger logger, string method, string host, string path, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting {Seconds} s for GitHub's {Resource} rate limit")]
    private static partial void LogWaiting(ILogger logger, string resource, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped asking GitHub: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);

    private enum LimitVerdict
    {
        Retry,
        Stopped,
        Refused,
    }

    private sealed record Wanted(string Requested, string Owner, string Repo, string Key);

    private sealed class Run
    {
        public string? StopReason { get; private set; }

        public void Stop(string reason) => StopReason ??= reason;
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
