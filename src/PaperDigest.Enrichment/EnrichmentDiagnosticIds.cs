namespace PaperDigest.Enrichment;

/// <summary>The rules of <c>validate --online</c> (PD0200-PD0209); described in docs/enrichment.md.</summary>
public static class EnrichmentDiagnosticIds
{
    /// <summary>PD0200 (error): arXiv has no paper with the entry's identifier.</summary>
    public const string ArxivNotFound = "PD0200";

    /// <summary>PD0201 (warning): the digest's title differs from arXiv's (similarity below the threshold).</summary>
    public const string TitleMismatch = "PD0201";

    /// <summary>PD0202 (warning): the paper is withdrawn (arXiv's comment says so).</summary>
    public const string Withdrawn = "PD0202";

    /// <summary>PD0203 (info): the identifier could not be checked (remote failure, offline cache miss).</summary>
    public const string ArxivUnresolved = "PD0203";

    /// <summary>PD0204 (warning): the digest cites a version newer than arXiv's latest.</summary>
    public const string VersionNotFound = "PD0204";
}
