using System.Runtime.CompilerServices;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;
using PaperDigest.Model;

namespace PaperDigest.Enrichment;

/// <summary>How well a digest title matches arXiv's.</summary>
/// <param name="Score">The similarity, 0 to 1, after normalising case, punctuation and white space.</param>
/// <param name="Ok">Whether the score reaches the configured threshold.</param>
public readonly record struct TitleMatch(double Score, bool Ok);

/// <summary>A digest entry with what the remote sources know about it.</summary>
/// <param name="Index">The entry's position in the input sequence (results arrive out of order).</param>
/// <param name="Entry">The entry.</param>
/// <param name="Arxiv">The arXiv result; <see langword="null"/> when the entry has no arXiv identifier.</param>
/// <param name="TitleMatch">How the titles compare, when arXiv had the paper.</param>
public sealed record EnrichedEntry(int Index, DigestEntry Entry, ArxivResult? Arxiv, TitleMatch? TitleMatch)
{
    // --- GitHub: filled in by the GitHub enrichment. ---

    /// <summary>The GitHub repositories the entry links, looked up; empty until GitHub enrichment runs.</summary>
    public IReadOnlyList<RepositoryResult> Repositories { get; init; } = [];

    /// <summary>Whether every lookup of this entry got an answer (found or not found).</summary>
    public bool IsResolved => Arxiv is null || Arxiv.State != ArxivLookupState.Failed;
}

/// <summary>Enriches digest entries with arXiv metadata, yielding each entry as soon as its answer is known.</summary>
/// <param name="arxiv">The arXiv client.</param>
/// <param name="options">The options (for the title threshold).</param>
public sealed class DigestEnricher(IArxivClient arxiv, PaperDigestEnrichmentOptions options)
{
    /// <summary>Enriches entries; entries without an arXiv identifier come first, the others as their batches are answered.</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>Every entry once, enriched, in the order answers arrive (see <see cref="EnrichedEntry.Index"/>).</returns>
    public async IAsyncEnumerable<EnrichedEntry> EnrichAsync(IEnumerable<DigestEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byId = new Dictionary<string, List<(int Index, DigestEntry Entry)>>(StringComparer.Ordinal);
        var order = new List<string>();
        var index = 0;
        foreach (var entry in entries)
        {
            if (entry.ArxivId is not { } id)
            {
                yield return new EnrichedEntry(index++, entry, null, null);
                continue;
            }

            if (!byId.TryGetValue(id.Value, out var list))
            {
                byId[id.Value] = list = [];
                order.Add(id.Value);
            }

            list.Add((index++, entry));
        }

        await foreach (var result in arxiv.LookupAsync(order, cancellationToken).ConfigureAwait(false))
        {
            if (!byId.Remove(result.Id, out var list))
            {
                continue;
            }

            foreach (var (i, entry) in list)
            {
                yield return Enrich(i, entry, result);
            }
        }

        // Every identifier gets an answer from the client; this is only a safety net.
        foreach (var (id, list) in byId)
        {
            foreach (var (i, entry) in list)
            {
                yield return new EnrichedEntry(i, entry, new ArxivResult(id, ArxivLookupState.Failed, Reason: "no answer"), null);
            }
        }
    }

    private EnrichedEntry Enrich(int index, DigestEntry entry, ArxivResult result)
    {
        TitleMatch? match = null;
        if (result.Paper is { } paper)
        {
            var score = TitleSimilarity.Score(entry.Title, paper.Title);
            match = new TitleMatch(score, score >= options.TitleMatchThreshold);
        }

        return new EnrichedEntry(index, entry, result, match);
    }
}
