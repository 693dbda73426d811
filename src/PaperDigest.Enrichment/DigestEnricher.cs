using System.Runtime.CompilerServices;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;
using PaperDigest.Model;

namespace PaperDigest.Enrichment;

/// <summary>How well a digest title matches arXiv's (made by <see cref="DigestEnricher"/> only).</summary>
public readonly record struct TitleMatch
{
    internal TitleMatch(double score, bool ok)
    {
        Score = score;
        Ok = ok;
    }

    /// <summary>The similarity, 0 to 1, after normalising case, punctuation and white space.</summary>
    public double Score { get; }

    /// <summary>Whether the score reaches the configured threshold.</summary>
    public bool Ok { get; }
}

/// <summary>A digest entry with what the remote sources know about it (made by <see cref="DigestEnricher"/> only).</summary>
public sealed record EnrichedEntry
{
    internal EnrichedEntry(int index, DigestEntry entry, ArxivResult? arxiv, TitleMatch? titleMatch)
    {
        Index = index;
        Entry = entry;
        Arxiv = arxiv;
        TitleMatch = titleMatch;
    }

    /// <summary>The entry's position in the input sequence (results arrive out of order).</summary>
    public int Index { get; }

    /// <summary>The entry.</summary>
    public DigestEntry Entry { get; }

    /// <summary>The arXiv result; <see langword="null"/> when the entry has no arXiv identifier.</summary>
    public ArxivResult? Arxiv { get; }

    /// <summary>How the titles compare, when arXiv had the paper.</summary>
    public TitleMatch? TitleMatch { get; }

    /// <summary>
    /// The GitHub repositories the entry links, in link order, each once, with <see cref="RepositoryResult.Requested"/> as
    /// linked; empty when the enricher has no GitHub client (see <see cref="DigestEnricher"/>) or the entry links none.
    /// </summary>
    public IReadOnlyList<RepositoryResult> Repositories { get; internal init; } = [];

    /// <summary>Whether every lookup of this entry got an answer: arXiv's (found or not found) and each repository's (<see cref="RepositoryResult.IsDefinite"/>).</summary>
    public bool IsResolved => (Arxiv is null || Arxiv.State != ArxivLookupState.Failed) && Repositories.All(r => r.IsDefinite);
}

/// <summary>
/// Enriches digest entries with arXiv metadata and, given a GitHub client, with the GitHub repositories they link (what
/// <c>paperdigest enrich</c> writes), yielding each entry as soon as its arXiv answer is known.
/// </summary>
/// <param name="arxiv">The arXiv client.</param>
/// <param name="options">The options (for the title threshold).</param>
/// <param name="github">
/// The GitHub client; <see langword="null"/> leaves <see cref="EnrichedEntry.Repositories"/> empty. From the container it is
/// the registered <see cref="IGitHubClient"/> (<c>AddPaperDigestGitHub</c>), if any.
/// </param>
public sealed class DigestEnricher(IArxivClient arxiv, PaperDigestEnrichmentOptions options, IGitHubClient? github = null)
{
    /// <summary>
    /// Enriches entries. The GitHub repositories of all the entries are looked up first, together (a few batched requests);
    /// then entries without an arXiv identifier come, and the others as their arXiv batches are answered.
    /// </summary>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>Every entry once, enriched, in the order answers arrive (see <see cref="EnrichedEntry.Index"/>).</returns>
    public async IAsyncEnumerable<EnrichedEntry> EnrichAsync(IEnumerable<DigestEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        IReadOnlyList<DigestEntry> list = entries as IReadOnlyList<DigestEntry> ?? [.. entries];
        var repositories = github is null ? null : await LookUpRepositoriesAsync(github, list, cancellationToken).ConfigureAwait(false);
        await foreach (var enriched in EnrichArxivAsync(list, cancellationToken).ConfigureAwait(false))
        {
            yield return repositories is null ? enriched : enriched with { Repositories = RepositoriesOf(enriched.Entry, repositories) };
        }
    }

    /// <summary>Looks up every repository the entries link, in one call; the answers are keyed case-insensitively.</summary>
    private static async Task<Dictionary<string, RepositoryResult>> LookUpRepositoriesAsync(IGitHubClient github, IReadOnlyList<DigestEntry> entries, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, RepositoryResult>(StringComparer.OrdinalIgnoreCase);
        var names = GitHubOnlineChecks.RepositoryNames(entries);
        if (names.Count == 0)
        {
            return byName;
        }

        foreach (var (name, result) in await github.GetRepositoriesAsync(names, cancellationToken).ConfigureAwait(false))
        {
            byName[name] = result;
        }

        return byName;
    }

    /// <summary>The answers for the repositories one entry links, in link order, each named as linked.</summary>
    private static IReadOnlyList<RepositoryResult> RepositoriesOf(DigestEntry entry, Dictionary<string, RepositoryResult> repositories)
    {
        var list = new List<RepositoryResult>();
        foreach (var name in GitHubOnlineChecks.RepositoryNames([entry]))
        {
            if (repositories.TryGetValue(name, out var result))
            {
                list.Add(result with { Requested = name });
            }
        }

        return list;
    }

    /// <summary>The arXiv half of <see cref="EnrichAsync"/>: <see cref="EnrichedEntry.Repositories"/> stays empty (the online rules look up GitHub on their own).</summary>
    internal async IAsyncEnumerable<EnrichedEntry> EnrichArxivAsync(IEnumerable<DigestEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
