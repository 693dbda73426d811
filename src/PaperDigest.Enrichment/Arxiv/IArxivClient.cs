namespace PaperDigest.Enrichment.Arxiv;

/// <summary>
/// Looks up arXiv papers politely: batched, one request at a time with at least the configured spacing, retried with
/// backoff, answered from the cache or a snapshot when possible, with the abstract pages as a fallback.
/// </summary>
public interface IArxivClient
{
    /// <summary>
    /// Looks up identifiers and yields one result per distinct canonical identifier as soon as it is known (cached answers first,
    /// then batch by batch). A malformed identifier yields a <see cref="ArxivLookupState.Failed"/> result keyed by the text as given.
    /// </summary>
    /// <param name="ids">The identifiers (<c>2501.19393</c>, <c>2501.19393v2</c>, <c>hep-th/9901001</c>…); duplicates and versions collapse.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The results, in the order they become known.</returns>
    IAsyncEnumerable<ArxivResult> LookupAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default);
}

/// <summary>Conveniences over <see cref="IArxivClient"/>.</summary>
public static class ArxivClientExtensions
{
    /// <summary>Looks up identifiers and collects every result, keyed by canonical identifier whatever order the answers came in.</summary>
    /// <param name="client">The client.</param>
    /// <param name="ids">The identifiers.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The results by canonical identifier (or by the text as given, for a malformed one).</returns>
    public static async Task<IReadOnlyDictionary<string, ArxivResult>> GetPapersAsync(this IArxivClient client, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var results = new Dictionary<string, ArxivResult>(StringComparer.Ordinal);
        await foreach (var r in client.LookupAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            results[r.Id] = r;
        }

        return results;
    }
}
