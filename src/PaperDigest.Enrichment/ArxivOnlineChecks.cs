using System.Globalization;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Model;

namespace PaperDigest.Enrichment;

/// <summary>The online checks of <c>validate --online</c>: the digest against what arXiv says (rules PD0200-PD0204).</summary>
/// <param name="enricher">The enricher.</param>
/// <param name="options">The options (for the title threshold).</param>
internal sealed class ArxivOnlineChecks(DigestEnricher enricher, PaperDigestEnrichmentOptions options)
{
    /// <summary>Checks every entry of a document against arXiv.</summary>
    /// <param name="document">The parsed document.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The diagnostics, in source order.</returns>
    public async Task<IReadOnlyList<Diagnostic>> CheckAsync(DigestDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = new List<(int Index, Diagnostic Diagnostic)>();
        await foreach (var e in enricher.EnrichArxivAsync(document.Entries, cancellationToken).ConfigureAwait(false))
        {
            found.AddRange(Check(e, document.Path, options.TitleMatchThreshold).Select(d => (e.Index, d)));
        }

        return found.OrderBy(x => x.Index).Select(x => x.Diagnostic).ToList();
    }

    /// <summary>The diagnostics for one enriched entry.</summary>
    /// <param name="entry">The enriched entry.</param>
    /// <param name="path">The document's path.</param>
    /// <param name="titleThreshold">The least title similarity counted as a match.</param>
    /// <returns>The diagnostics.</returns>
    public static IEnumerable<Diagnostic> Check(EnrichedEntry entry, string? path, double titleThreshold)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var e = entry.Entry;
        if (entry.Arxiv is not { } result || e.ArxivId is not { } id)
        {
            yield break;
        }

        Diagnostic Make(string rule, DiagnosticSeverity severity, string message, SourceSpan span)
            => new() { Id = rule, Severity = severity, Message = message, Span = span, Path = path, ArxivId = id.Value };

        switch (result.State)
        {
            case ArxivLookupState.NotFound:
                yield return Make(EnrichmentDiagnosticIds.ArxivNotFound, DiagnosticSeverity.Error, $"arXiv has no paper {id.Value} ({result.Reason}).", e.LinkSpan);
                yield break;
            case ArxivLookupState.Failed:
                yield return Make(EnrichmentDiagnosticIds.ArxivUnresolved, DiagnosticSeverity.Info, $"{id.Value} could not be checked against arXiv: {result.Reason}.", e.LinkSpan);
                yield break;
        }

        var paper = result.Paper!;
        var score = TitleSimilarity.Score(e.Title, paper.Title);
        if (score < titleThreshold)
        {
            yield return Make(
                EnrichmentDiagnosticIds.TitleMismatch,
                DiagnosticSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"The title differs from arXiv's \"{paper.Title}\" (similarity {score:0.00}, below {titleThreshold:0.00})."),
                e.TitleSpan);
        }

        if (paper.IsWithdrawn)
        {
            yield return Make(EnrichmentDiagnosticIds.Withdrawn, DiagnosticSeverity.Warning, $"arXiv {id.Value} is withdrawn: \"{paper.Comment}\".", e.LinkSpan);
        }

        if (id.Version is { } cited && paper.Version is { } latest && cited > latest)
        {
            yield return Make(EnrichmentDiagnosticIds.VersionNotFound, DiagnosticSeverity.Warning, $"The link cites {id.Value}v{cited}, but arXiv's latest version is v{latest}.", e.LinkSpan);
        }
    }
}
