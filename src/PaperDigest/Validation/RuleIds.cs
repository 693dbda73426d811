namespace PaperDigest.Validation;

/// <summary>
/// The identifiers of the validation rules (PD0100 and up) and of the online rules (arXiv PD0200 and up, GitHub PD0300 and
/// up, run by the enrichment package). The parser's diagnostics are listed in <see cref="Parsing.DiagnosticIds"/>. Each
/// identifier is described once, in <see cref="RuleCatalog"/>; see <c>docs/rules.md</c>.
/// </summary>
public static class RuleIds
{
    /// <summary>A translated title with no CJK characters although the rest of the file has them.</summary>
    public const string UntranslatedTitle = "PD0100";

    /// <summary>CJK in the English title and none in the translated title: the titles look swapped.</summary>
    public const string SwappedTitles = "PD0101";

    /// <summary>Link text that is a URL different from the link's target.</summary>
    public const string LinkTextUrlMismatch = "PD0102";

    /// <summary>An unfilled template placeholder such as <c>{abstract}</c>.</summary>
    public const string UnfilledPlaceholder = "PD0103";

    /// <summary>A link in the abstract with no text, such as <c>[](https://…)</c>.</summary>
    public const string EmptyLinkText = "PD0104";

    /// <summary>The same arXiv identifier in two files validated together.</summary>
    public const string DuplicateArxivId = "PD0105";

    /// <summary>A paper link that names an arXiv version (<c>…v2</c>).</summary>
    public const string VersionedArxivLink = "PD0106";

    /// <summary>An abstract shorter than the configured minimum.</summary>
    public const string ShortAbstract = "PD0107";

    /// <summary>A PDF-extraction artifact such as <c>test- time</c>.</summary>
    public const string PdfExtractionArtifact = "PD0108";

    /// <summary>Formatting that differs from the canonical layout (trailing spaces, blank lines, heading level).</summary>
    public const string NonCanonicalFormat = "PD0109";

    /// <summary>An entry whose translated title or abstract is still the placeholder <c>paperdigest add</c> leaves.</summary>
    public const string UnfinishedEntry = "PD0110";

    /// <summary>arXiv has no paper with the linked identifier (online).</summary>
    public const string ArxivIdNotFound = "PD0200";

    /// <summary>The entry's English title differs from arXiv's (online).</summary>
    public const string TitleDiffersFromArxiv = "PD0201";

    /// <summary>arXiv's comment says the paper is withdrawn (online).</summary>
    public const string WithdrawnPaper = "PD0202";

    /// <summary>The identifier could not be checked against arXiv (online).</summary>
    public const string ArxivNotChecked = "PD0203";

    /// <summary>The link cites a version newer than arXiv's latest (online).</summary>
    public const string ArxivVersionNotFound = "PD0204";

    /// <summary>The linked GitHub repository does not exist or is private (online).</summary>
    public const string RepositoryNotFound = "PD0300";

    /// <summary>The linked GitHub repository was renamed or transferred (online).</summary>
    public const string RepositoryRenamed = "PD0301";

    /// <summary>The linked GitHub repository is archived (online).</summary>
    public const string RepositoryArchived = "PD0302";

    /// <summary>Access to the linked GitHub repository is blocked for legal reasons (online).</summary>
    public const string RepositoryAccessBlocked = "PD0303";

    /// <summary>The linked GitHub repository is disabled (online).</summary>
    public const string RepositoryDisabled = "PD0304";

    /// <summary>The repository could not be checked (online).</summary>
    public const string RepositoryCheckFailed = "PD0305";

    /// <summary>The repository was not checked: rate limit spent, or offline with no cached answer (online).</summary>
    public const string RepositoryNotChecked = "PD0306";
}
