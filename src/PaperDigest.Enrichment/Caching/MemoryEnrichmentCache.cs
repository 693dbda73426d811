using System.Collections.Concurrent;

namespace PaperDigest.Enrichment.Caching;

/// <summary>
/// A thread-safe enrichment cache held in memory, for tests. Entries are
/// kept until removed or replaced; like every <see cref="IEnrichmentCache"/>, stale entries are returned so that they can be revalidated.
/// </summary>
internal sealed class MemoryEnrichmentCache : IEnrichmentCache
{
    private readonly ConcurrentDictionary<(string Kind, string Key), CacheEntry> _entries = new();

    /// <summary>The number of entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>A snapshot of every entry held, in no particular order.</summary>
    public IReadOnlyList<CacheEntry> Entries => [.. _entries.Values];

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<string, CacheEntry>> GetManyAsync(string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key is not null && _entries.TryGetValue((kind, key), out var entry))
            {
                found[key] = entry;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, CacheEntry>>(found);
    }

    /// <inheritdoc />
    public ValueTask SetManyAsync(IReadOnlyCollection<CacheEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            _entries[(entry.Kind, entry.Key)] = entry;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        _entries.TryRemove((kind, key), out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear() => _entries.Clear();
}
