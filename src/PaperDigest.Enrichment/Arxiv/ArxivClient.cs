using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.RateLimiting;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Model;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>
/// The arXiv client: cache first, then the snapshot or the API in batches, with the abstract pages as a fallback.
/// Retries, timeouts and the spacing between requests are the job of the HTTP pipeline it is given
/// (see <see cref="ServiceCollectionExtensions.AddPaperDigestEnrichment"/>); this class holds the arXiv-specific logic:
/// URLs, batching, the 400 split, the empty-page retry and the mapping of every answer to a result.
/// </summary>
internal sealed class ArxivClient : IArxivClient
{
    /// <summary>The cache kind of found papers.</summary>
    public const string FoundKind = "arxiv";

    /// <summary>The cache kind of "not found" answers.</summary>
    public const string MissingKind = "arxiv-missing";

    private readonly HttpClient _http;
    private readonly PaperDigestEnrichmentOptions _options;
    private readonly IEnrichmentCache _cache;
    private readonly TimeProvider _time;
    private readonly EnrichmentDeadline _deadline;

    public ArxivClient(HttpClient http, PaperDigestEnrichmentOptions options, IEnrichmentCache cache, TimeProvider time, EnrichmentDeadline? deadline = null)
    {
        _http = http;
        _options = options;
        _cache = options.UseCache ? cache : NullEnrichmentCache.Instance;
        _time = time;
        _deadline = deadline ?? new EnrichmentDeadline(null, time);
    }

    private ArxivOptions Arxiv => _options.Arxiv;

    public async IAsyncEnumerable<ArxivResult> LookupAsync(IEnumerable<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var pending = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in ids)
        {
            if (!ArxivId.TryParse(text, out var id))
            {
                if (seen.Add(text ?? ""))
                {
                    yield return new ArxivResult(text ?? "", ArxivLookupState.Failed, Reason: $"'{text}' is not a well-formed arXiv identifier; it was not sent");
                }

                continue;
            }

            if (seen.Add(id.Value))
            {
                pending.Add(id.Value);
            }
        }

        if (pending.Count == 0)
        {
            yield break;
        }

        // 1. The cache.
        if (!_options.Refresh)
        {
            var now = _time.GetUtcNow();
            var found = await _cache.GetManyAsync(FoundKind, pending, cancellationToken).ConfigureAwait(false);
            var missing = await _cache.GetManyAsync(MissingKind, pending, cancellationToken).ConfigureAwait(false);
            var rest = new List<string>(pending.Count);
            foreach (var id in pending)
            {
                var hit = FromCache(id, found, missing, now);
                if (hit is not null)
                {
                    yield return hit;
                }
                else
                {
                    rest.Add(id);
                }
            }

            pending = rest;
        }

        if (pending.Count == 0)
        {
            yield break;
        }

        // 2. The snapshot, when given: no network at all.
        if (Arxiv.SnapshotPath is { } snapshot)
        {
            await foreach (var r in FromSnapshotAsync(snapshot, pending, cancellationToken).ConfigureAwait(false))
            {
                yield return r;
            }

            yield break;
        }

        if (_options.Offline)
        {
            foreach (var id in pending)
            {
                yield return new ArxivResult(id, ArxivLookupState.Failed, Reason: "not in the cache, and offline");
            }

            yield break;
        }

        // 3. The API, batch by batch.
        foreach (var batch in pending.Chunk(Arxiv.BatchSize))
        {
            var results = new List<ArxivResult>(batch.Length);
            await foreach (var r in FetchBatchAsync(batch, cancellationToken).ConfigureAwait(false))
            {
                results.Add(r);
            }

            await StoreAsync(results, cancellationToken).ConfigureAwait(false);
            foreach (var r in results)
            {
                yield return r;
            }
        }
    }

    private ArxivResult? FromCache(string id, IReadOnlyDictionary<string, CacheEntry> found, IReadOnlyDictionary<string, CacheEntry> missing, DateTimeOffset now)
    {
        found.TryGetValue(id, out var f);
        missing.TryGetValue(id, out var m);

        // The newer of the two answers wins; offline, stale answers are better than none.
        var entry = (f, m) switch
        {
            (not null, not null) => f.StoredAt >= m.StoredAt ? f : m,
            (not null, null) => f,
            (null, not null) => m,
            _ => null,
        };
        if (entry is null || (!entry.IsFresh(now) && !_options.Offline))
        {
            return null;
        }

        try
        {
            if (entry.Kind == FoundKind)
            {
                return JsonSerializer.Deserialize(entry.Payload, ArxivJsonContext.Default.ArxivPaper) is { } paper
                    ? new ArxivResult(id, ArxivLookupState.Found, paper, ArxivSource.Cache)
                    : null;
            }

            var payload = JsonSerializer.Deserialize(entry.Payload, ArxivJsonContext.Default.MissingPayload);
            return new ArxivResult(id, ArxivLookupState.NotFound, Source: ArxivSource.Cache, Reason: payload?.Reason ?? "arXiv has no paper with this identifier");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task StoreAsync(List<ArxivResult> results, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var entries = new List<CacheEntry>();
        foreach (var r in results)
        {
            if (r.Source is not (ArxivSource.Api or ArxivSource.AbsPage))
            {
                continue;
            }

            // Failures are never cached.
            if (r.State == ArxivLookupState.Found && r.Paper is not null)
            {
                entries.Add(new CacheEntry(FoundKind, r.Id, JsonSerializer.Serialize(r.Paper, ArxivJsonContext.Default.ArxivPaper), null, now, now + Arxiv.MetadataTimeToLive));
            }
            else if (r.State == ArxivLookupState.NotFound)
            {
                entries.Add(new CacheEntry(MissingKind, r.Id, JsonSerializer.Serialize(new MissingPayload(r.Reason), ArxivJsonContext.Default.MissingPayload), null, now, now + Arxiv.MissingTimeToLive));
            }
        }

        await _cache.SetManyAsync(entries, cancellationToken).ConfigureAwait(false);

        // A found paper supersedes an older "not found", and the other way round.
        foreach (var r in results)
        {
            if ((r.Source is ArxivSource.Api or ArxivSource.AbsPage) && (r.State is ArxivLookupState.Found or ArxivLookupState.NotFound))
            {
                await _cache.RemoveAsync(r.State == ArxivLookupState.Found ? MissingKind : FoundKind, r.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async IAsyncEnumerable<ArxivResult> FromSnapshotAsync(string path, List<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var enumerator = ArxivSnapshotReader.FindAsync(path, ids, cancellationToken).GetAsyncEnumerator(cancellationToken);
        string? error = null;
        try
        {
            while (true)
            {
                ArxivPaper paper;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    paper = enumerator.Current;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    error = ex.Message;
                    break;
                }

                found.Add(paper.Id);
                yield return new ArxivResult(paper.Id, ArxivLookupState.Found, paper, ArxivSource.Snapshot);
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var id in ids.Where(i => !found.Contains(i)))
        {
            yield return error is null
                ? new ArxivResult(id, ArxivLookupState.NotFound, Source: ArxivSource.Snapshot, Reason: "not in the snapshot (the paper may be newer than it)")
                : new ArxivResult(id, ArxivLookupState.Failed, Reason: $"the snapshot could not be read: {error}");
        }
    }

    private async IAsyncEnumerable<ArxivResult> FetchBatchAsync(IReadOnlyList<string> batch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = await QueryAsync(batch, cancellationToken).ConfigureAwait(false);

        // An empty page now and then is not proof of absence: ask once more.
        if (answer.Feed is { Papers.Count: 0, Errors.Count: 0 })
        {
            answer = await QueryAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Feed is { } feed && feed.Errors.Count == 0)
        {
            var byId = new Dictionary<string, ArxivPaper>(StringComparer.Ordinal);
            foreach (var p in feed.Papers)
            {
                byId.TryAdd(p.Id, p);
            }

            foreach (var id in batch)
            {
                yield return byId.TryGetValue(id, out var paper)
                    ? new ArxivResult(id, ArxivLookupState.Found, paper, ArxivSource.Api)
                    : new ArxivResult(id, ArxivLookupState.NotFound, Source: ArxivSource.Api, Reason: "arXiv has no paper with this identifier");
            }

            yield break;
        }

        if (answer.Feed is { } errorFeed)
        {
            // arXiv rejected an identifier (HTTP 400 with an Error entry): isolate it. When the message names a
            // member of the batch, fail that one and ask again for the others; otherwise split the batch in two.
            var message = string.Join("; ", errorFeed.Errors);
            if (batch.Count == 1)
            {
                yield return new ArxivResult(batch[0], ArxivLookupState.Failed, Source: ArxivSource.Api, Reason: $"arXiv rejected the identifier: {message}");
                yield break;
            }

            var named = batch.Where(id => errorFeed.Errors.Any(e => e.EndsWith(" " + id, StringComparison.Ordinal))).ToList();
            List<IReadOnlyList<string>> parts;
            if (named.Count > 0)
            {
                foreach (var id in named)
                {
                    yield return new ArxivResult(id, ArxivLookupState.Failed, Source: ArxivSource.Api, Reason: $"arXiv rejected the identifier: {message}");
                }

                parts = [batch.Except(named).ToList()];
            }
            else
            {
                var half = batch.Count / 2;
                parts = [batch.Take(half).ToList(), batch.Skip(half).ToList()];
            }

            foreach (var part in parts.Where(p => p.Count > 0))
            {
                await foreach (var r in FetchBatchAsync(part, cancellationToken).ConfigureAwait(false))
                {
                    yield return r;
                }
            }

            yield break;
        }

        // The API kept failing (after the pipeline's retries).
        var reason = answer.Failure ?? "unknown failure";
        foreach (var id in batch)
        {
            if (!Arxiv.UseAbsPageFallback)
            {
                yield return new ArxivResult(id, ArxivLookupState.Failed, Reason: $"arXiv API: {reason}");
                continue;
            }

            yield return await FetchAbsPageAsync(id, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record ApiAnswer(AtomFeed? Feed, string? Failure);

    private Uri QueryUrl(IReadOnlyList<string> batch)
    {
        var builder = new UriBuilder(Arxiv.ApiUrl);
        var query = string.Create(CultureInfo.InvariantCulture, $"id_list={Uri.EscapeDataString(string.Join(',', batch))}&start=0&max_results={Math.Max(Arxiv.BatchSize, batch.Count)}");
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length > 0 ? existing + "&" + query : query;
        return builder.Uri;
    }

    private Uri AbsUrl(string id)
    {
        var prefix = Arxiv.AbsPageUrl.AbsoluteUri;
        return new Uri(prefix.EndsWith('/') ? prefix + id : prefix + "/" + id);
    }

    private async Task<ApiAnswer> QueryAsync(IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        var (status, body, failure) = await GetAsync(QueryUrl(batch), cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return new ApiAnswer(null, failure);
        }

        if (status is HttpStatusCode.OK or HttpStatusCode.BadRequest)
        {
            if (!AtomFeedParser.TryParse(body, Arxiv.MaxResponseBytes, out var feed, out var error))
            {
                return new ApiAnswer(null, $"HTTP {(int)status} with an unusable body: {error}");
            }

            if (status == HttpStatusCode.BadRequest && feed!.Errors.Count == 0)
            {
                return new ApiAnswer(null, "HTTP 400 without an error entry");
            }

            return new ApiAnswer(feed, null);
        }

        return new ApiAnswer(null, $"HTTP {(int)status} {status}");
    }

    private async Task<ArxivResult> FetchAbsPageAsync(string id, string apiFailure, CancellationToken cancellationToken)
    {
        var url = AbsUrl(id);
        var (status, body, failure) = await GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return new ArxivResult(id, ArxivLookupState.Failed, Reason: $"arXiv API: {apiFailure}; abstract page: {failure}");
        }

        if (status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return new ArxivResult(id, ArxivLookupState.NotFound, Source: ArxivSource.AbsPage, Reason: $"the abstract page answered HTTP {(int)status}");
        }

        if (status != HttpStatusCode.OK)
        {
            return new ArxivResult(id, ArxivLookupState.Failed, Reason: $"arXiv API: {apiFailure}; abstract page: HTTP {(int)status}");
        }

        var paper = AbsPageParser.TryParse(body.ToArray(), id, url.AbsoluteUri, out var error);
        if (paper is null)
        {
            return new ArxivResult(id, ArxivLookupState.Failed, Reason: $"arXiv API: {apiFailure}; abstract page: {error}");
        }

        return paper.Id == id
            ? new ArxivResult(id, ArxivLookupState.Found, paper, ArxivSource.AbsPage)
            : new ArxivResult(id, ArxivLookupState.Failed, Reason: $"arXiv API: {apiFailure}; abstract page: it describes {paper.Id}, not {id}");
    }

    /// <summary>One GET through the pipeline; every failure becomes a reason, never an exception (except cancellation by the caller).</summary>
    private async Task<(HttpStatusCode Status, ReadOnlyMemory<byte> Body, string? Failure)> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var linked = _deadline.Link(cancellationToken);
        try
        {
            if (_deadline.Passed)
            {
                return (default, default, "not asked: the run's deadline (--timeout) has passed");
            }

            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var length = response.Content.Headers.ContentLength;
            if (length > Arxiv.MaxResponseBytes)
            {
                return (response.StatusCode, default, $"the answer is {length} bytes, more than the limit of {Arxiv.MaxResponseBytes}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or >= HttpStatusCode.InternalServerError)
            {
                var after = response.Headers.RetryAfter?.Delta is { } d ? $" (Retry-After {d.TotalSeconds:0} s)" : "";
                return (response.StatusCode, default, $"HTTP {(int)response.StatusCode} {response.StatusCode}{after}, still after the retries");
            }

            return (response.StatusCode, bytes, null);
        }
        catch (TimeoutRejectedException)
        {
            return (default, default, "timed out, still after the retries");
        }
        catch (BrokenCircuitException)
        {
            return (default, default, $"not asked: {url.Authority} failed repeatedly in this run");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _deadline.Passed)
        {
            return (default, default, "not asked: the run's deadline (--timeout) has passed");
        }
        catch (RateLimiterRejectedException ex)
        {
            return (default, default, $"rate limiter refused the request: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return (default, default, $"{ex.Message}, still after the retries");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, default, "timed out, still after the retries");
        }
    }
}
