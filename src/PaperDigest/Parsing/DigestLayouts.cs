using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Parsing;

/// <summary>The layouts this library knows, by stable name.</summary>
public static class DigestLayouts
{
    /// <summary>The canonical layout's name: the layout <see cref="Writing.DigestWriter"/> writes and <c>add</c> appends to.</summary>
    public const string Canonical = HeadingLinkLayout.LayoutName;

    /// <summary>Every built-in layout, the canonical one first.</summary>
    internal static IReadOnlyList<IDigestLayout> All { get; } =
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

    /// <summary>The names of the built-in layouts, the canonical one first (<c>generic</c> last).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(l => l.Name)];

    /// <summary>Whether a name is a built-in layout's (case-insensitive).</summary>
    /// <param name="name">The layout name.</param>
    /// <returns>Whether it is built in.</returns>
    public static bool IsBuiltIn(string name) => Find(name) is not null;

    /// <summary>A built-in layout's one-line description.</summary>
    /// <param name="name">The layout name.</param>
    /// <returns>The description, or <see langword="null"/> when the name is not built in.</returns>
    public static string? DescriptionOf(string name) => Find(name)?.Description;

    /// <summary>Finds a built-in layout by name (case-insensitive).</summary>
    internal static IDigestLayout? Find(string name) => All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}
