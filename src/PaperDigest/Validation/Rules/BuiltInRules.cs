namespace PaperDigest.Validation.Rules;

/// <summary>The rules PaperDigest runs by default.</summary>
public static class BuiltInRules
{
    /// <summary>The per-document rules.</summary>
    public static IReadOnlyList<IDocumentRule> DocumentRules { get; } =
    [
        new UntranslatedTitleRule(),
        new SwappedTitlesRule(),
        new LinkTextUrlMismatchRule(),
        new UnfilledPlaceholderRule(),
        new EmptyLinkTextRule(),
        new VersionedArxivLinkRule(),
        new ShortAbstractRule(),
        new PdfExtractionArtifactRule(),
        new NonCanonicalFormatRule(),
        new UnfinishedEntryRule(),
    ];

    /// <summary>The archive-wide rules.</summary>
    public static IReadOnlyList<IArchiveRule> ArchiveRules { get; } = [new DuplicateArxivIdRule()];
}
