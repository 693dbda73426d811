namespace PaperDigest.Validation;

/// <summary>
/// The identifiers of the validation rules (PD0100 and up). The parser's diagnostics (PD0001-PD0014) are listed in
/// <see cref="Parsing.DiagnosticIds"/>. See <c>docs/rules.md</c>.
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
}
