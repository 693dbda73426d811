using System.Text.Json;
using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>A stale cached repository to revalidate with <c>If-None-Match</c>.</summary>
internal sealed record GitHubRevalidation(GitHubWanted Want, CacheEntry Entry, GitHubRepository Cached);

/// <summary>
/// The client's side of the shared <see cref="IEnrichmentCache"/>: answers from fresh entries (any entry offline), picks the
/// stale ones that can be revalidated with their ETag (a 304 costs no quota) and those to fetch, and stores found
/// repositories (kind <c>github</c>) and definite "not found" or "blocked" answers (kind <c>github-missing</c>), each
/// replacing the other.
/// </summary>
internal sealed class GitHubRepositoryCache(IEnrichmentCache cache, GitHubClientOptions options, TimeProvider time, GitHubCounters counters)
{
    /// <summary>
    /// Answers what the cache can answer into <paramref name="results"/>, and says what is left: stale entries with an ETag
    /// to revalidate, and repositories to fetch.
    /// </summary>
    public async Task<(List<GitHubRevalidation> Revalidate, List<GitHubWanted> Fetch)> PlanAsync(List<GitHubWanted> wanted, Dictionary<string, RepositoryResult> results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, CacheEntry> found = new Dictionary<string, CacheEntry>();
        IReadOnlyDictionary<string, CacheEntry> missing = new Dictionary<string, CacheEntry>();
        if (options.CacheMode != GitHubCacheMode.Refresh)
        {
            var keys = wanted.Select(w => w.Key).ToList();
            found = await cache.GetManyAsync(GitHubClient.CacheKind, keys, cancellationToken).ConfigureAwait(false);
            missing = await cache.GetManyAsync(GitHubClient.MissingCacheKind, keys, cancellationToken).ConfigureAwait(false);
        }

        var offline = options.CacheMode == GitHubCacheMode.Offline;
        var revalidate = new List<GitHubRevalidation>();
        var fetch = new List<GitHubWanted>();
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

            var cachedRepository = hit is null ? null : ReadRepository(hit);
            var cachedMissing = miss is null ? null : ReadMissing(miss);
            if (cachedRepository is not null && (offline || hit!.IsFresh(now)))
            {
                results[w.Requested] = GitHubOutcomes.ResultFor(w.Requested, cachedRepository);
                Interlocked.Increment(ref counters.CacheHits);
            }
            else if (cachedMissing is not null && (offline || miss!.IsFresh(now)))
            {
                results[w.Requested] = new RepositoryResult(w.Requested, cachedMissing.State, Reason: cachedMissing.Reason);
                Interlocked.Increment(ref counters.CacheHits);
            }
            else if (offline)
            {
                results[w.Requested] = new RepositoryResult(w.Requested, RepositoryState.NotResolved, Reason: "offline, and the cache has no answer for this repository");
            }
            else if (cachedRepository is not null && hit!.ETag is not null)
            {
                revalidate.Add(new GitHubRevalidation(w, hit, cachedRepository));
            }
            else
            {
                fetch.Add(w);
            }
        }

        return (revalidate, fetch);
    }

    /// <summary>Stores entries; a found repository replaces an older "missing" answer and the other way round.</summary>
    public async Task StoreAsync(IReadOnlyCollection<CacheEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await cache.SetManyAsync(entries, cancellationToken).ConfigureAwait(false);
        foreach (var e in entries)
        {
            var other = e.Kind == GitHubClient.CacheKind ? GitHubClient.MissingCacheKind : GitHubClient.CacheKind;
            await cache.RemoveAsync(other, e.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The entry of a found repository, fresh from now, with the answer's ETag for later revalidation.</summary>
    public CacheEntry RepositoryEntry(string key, GitHubRepository repository, string? etag)
    {
        var now = time.GetUtcNow();
        return new CacheEntry(GitHubClient.CacheKind, key, JsonSerializer.Serialize(repository, GitHubJsonContext.Default.GitHubRepository), etag, now, now + options.RepositoryTtl);
    }

    /// <summary>The entry of a definite "not found" or "blocked" answer.</summary>
    public CacheEntry MissingEntry(string key, RepositoryState state, string reason)
    {
        var now = time.GetUtcNow();
        var payload = new MissingPayload { State = state, Reason = reason };
        return new CacheEntry(GitHubClient.MissingCacheKind, key, JsonSerializer.Serialize(payload, GitHubJsonContext.Default.MissingPayload), null, now, now + options.MissingTtl);
    }

    /// <summary>A revalidated entry (304): fresh again from now, with the newer ETag if GitHub sent one.</summary>
    public CacheEntry Revalidated(CacheEntry entry, string? etag)
    {
        Interlocked.Increment(ref counters.NotModified);
        var now = time.GetUtcNow();
        return entry with { ETag = etag ?? entry.ETag, StoredAt = now, ExpiresAt = now + options.RepositoryTtl };
    }

    private static GitHubRepository? ReadRepository(CacheEntry entry)
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
}
