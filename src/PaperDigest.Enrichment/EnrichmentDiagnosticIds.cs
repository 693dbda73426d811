using PaperDigest.Validation;

namespace PaperDigest.Enrichment;

/// <summary>The arXiv rules of <c>validate --online</c>: aliases of <see cref="RuleIds"/>, described once in <see cref="RuleCatalog"/>.</summary>
public static class EnrichmentDiagnosticIds
{
    /// <summary>PD0200: arXiv has no paper with the entry's identifier.</summary>
    public const string ArxivNotFound = RuleIds.ArxivIdNotFound;

    /// <summary>PD0201: the digest's title differs from arXiv's (similarity below the threshold).</summary>
    public const string TitleMismatch = RuleIds.TitleDiffersFromArxiv;

    /// <summary>PD0202: the paper is withdrawn (arXiv's comment says so).</summary>
    public const string Withdrawn = RuleIds.WithdrawnPaper;

    /// <summary>PD0203: the identifier could not be checked (remote failure, offline cache miss).</summary>
    public const string ArxivUnresolved = RuleIds.ArxivNotChecked;

    /// <summary>PD0204: the digest cites a version newer than arXiv's latest.</summary>
    public const string VersionNotFound = RuleIds.ArxivVersionNotFound;
}
