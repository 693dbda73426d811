namespace PaperDigest.Enrichment.Caching;

/// <summary>One cached answer.</summary>
/// <remarks>Public because <see cref="IEnrichmentCache"/> is (see there).</remarks>
/// <param name="Kind">What the answer is about, such as <c>arxiv</c>, <c>arxiv-missing</c>, <c>github</c>, <c>github-missing</c>.</param>
/// <param name="Key">The key within the kind (a canonical arXiv identifier, a lower-case <c>owner/name</c>).</param>
/// <param name="Payload">The cached value, as JSON.</param>
/// <param name="ETag">The HTTP entity tag the answer came with, for conditional requests; <see langword="null"/> if none.</param>
/// <param name="StoredAt">When the answer was stored or last revalidated.</param>
/// <param name="ExpiresAt">When the answer stops being fresh. Stale entries are still returned, so that they can be revalidated.</param>
public sealed record CacheEntry(string Kind, string Key, string Payload, string? ETag, DateTimeOffset StoredAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the entry is still fresh at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> before <see cref="ExpiresAt"/>.</returns>
    public bool IsFresh(DateTimeOffset now) => now < ExpiresAt;
}

/// <summary>
/// A persistent store of enrichment answers shared by the arXiv and GitHub clients. Only successful answers (and
/// definite "not found" answers) are stored; failures never are.
/// </summary>
/// <remarks>
/// Public because other packages read what enrichment stored through it (PaperDigest.Archive's
/// <c>ArchiveIndexOptions.EnrichmentCache</c>, opened with <see cref="EnrichmentCacheFile.Open"/>), and because a host
/// may register its own store in place of the SQLite file. An enrichment user does not call it.
/// </remarks>
public interface IEnrichmentCache
{
    /// <summary>Gets the entries for some keys of one kind, fresh or stale; missing keys are absent from the result.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The entries found, by key.</returns>
    ValueTask<IReadOnlyDictionary<string, CacheEntry>> GetManyAsync(string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Stores entries, replacing any with the same kind and key.</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    ValueTask SetManyAsync(IReadOnlyCollection<CacheEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Removes one entry, if present.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is gone.</returns>
    ValueTask RemoveAsync(string kind, string key, CancellationToken cancellationToken = default);
}

/// <summary>A cache that stores nothing (<c>--no-cache</c>).</summary>
internal sealed class NullEnrichmentCache : IEnrichmentCache
{
    /// <summary>The shared instance.</summary>
    public static NullEnrichmentCache Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<string, CacheEntry>> GetManyAsync(string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyDictionary<string, CacheEntry>>(new Dictionary<string, CacheEntry>());

    /// <inheritdoc />
    public ValueTask SetManyAsync(IReadOnlyCollection<CacheEntry> entries, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask RemoveAsync(string kind, string key, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
