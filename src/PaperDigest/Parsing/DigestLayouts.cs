using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Parsing;

/// <summary>The layouts this library knows, by stable name.</summary>
public static class DigestLayouts
{
    /// <summary>Every built-in layout, the canonical one first.</summary>
    public static IReadOnlyList<IDigestLayout> All { get; } =
    [
        HeadingLinkLayout.Instance,
        new SpecLayout(LayoutSpecs.HeadingPaperPage),
        new SpecLayout(LayoutSpecs.HeadingBilingual),
        new SpecLayout(LayoutSpecs.BracketNumberLink),
        new SpecLayout(LayoutSpecs.NumberedLinkFields),
        new SpecLayout(LayoutSpecs.TranslatedHeadingFields),
        new SpecLayout(LayoutSpecs.TranslatedHeadingList),
        new SpecLayout(LayoutSpecs.BoldTitleList),
        LinkParagraphLayout.Instance,
        BulletLineLayout.Instance,
        TableRowLayout.Instance,
        DetailsLayout.Instance,
        LinkIndexLayout.Instance,
        GenericLayout.Instance,
    ];

    /// <summary>Finds a built-in layout by name (case-insensitive).</summary>
    /// <param name="name">The layout name.</param>
    /// <returns>The layout, or <see langword="null"/>.</returns>
    public static IDigestLayout? Find(string name) => All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}
