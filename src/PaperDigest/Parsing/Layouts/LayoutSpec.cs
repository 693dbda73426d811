using System.Text.RegularExpressions;

namespace PaperDigest.Parsing.Layouts;

/// <summary>What block starts an entry in a <see cref="LayoutSpec"/> layout.</summary>
internal enum EntryStart
{
    /// <summary>A heading of <see cref="LayoutSpec.HeadingLevel"/> whose text matches <see cref="LayoutSpec.TitlePattern"/>.</summary>
    Heading = 0,

    /// <summary>A paragraph that is one bold span (<c>**Title**</c>), whose text matches <see cref="LayoutSpec.TitlePattern"/>.</summary>
    BoldLine = 1,
}

/// <summary>Which field a labelled line (<c>**原文标题：** …</c>, <c>- Paper: …</c>) fills.</summary>
internal enum FieldKind
{
    /// <summary>The English title: the text after the label, wrapped lines joined.</summary>
    Title = 0,

    /// <summary>The translated title: the text after the label.</summary>
    TranslatedTitle = 1,

    /// <summary>The paper link: the first link after the label.</summary>
    PaperLink = 2,

    /// <summary>A code link: the first link after the label (kept in the entry's links; a paper URL there is reported).</summary>
    CodeLink = 3,

    /// <summary>The abstract: the text after the label and the blocks after it, up to the next labelled line.</summary>
    Abstract = 4,

    /// <summary>A field that is recognised (so it stays out of the abstract) but not stored, such as authors or dates.</summary>
    Ignored = 5,
}

/// <summary>
/// A labelled field: a label (a regular-expression alternation such as <c>原文链接|Paper</c>) followed by a half- or full-width
/// colon, matched on the plain text of a paragraph or list item (markup, <c>&lt;font&gt;</c> tags and bold already removed).
/// </summary>
/// <param name="Kind">Which field the label fills.</param>
/// <param name="Label">The label alternation (case-insensitive), without the colon.</param>
internal sealed record FieldSpec(FieldKind Kind, string Label);

/// <summary>
/// A declarative layout: how an entry starts, where each of its fields comes from and how to recognise the layout.
/// <see cref="SpecLayout"/> reads any layout described this way.
/// </summary>
internal sealed record LayoutSpec
{
    /// <summary>The stable kebab-case name.</summary>
    public required string Name { get; init; }

    /// <summary>A one-line description.</summary>
    public required string Description { get; init; }

    /// <summary>What block starts an entry.</summary>
    public EntryStart Start { get; init; } = EntryStart.Heading;

    /// <summary>The level of the entry headings (for <see cref="EntryStart.Heading"/>).</summary>
    public int HeadingLevel { get; init; } = 2;

    /// <summary>
    /// The pattern the entry heading's (or bold line's) plain text must match. Named groups: <c>en</c> (English title),
    /// <c>zh</c> (translated title). When the heading holds a link and <see cref="TitleLinkIsPaper"/> is set, the link's text
    /// is the English title and the pattern only has to match.
    /// </summary>
    public required Regex TitlePattern { get; init; }

    /// <summary>Whether the entry heading holds a link that is the paper link (its text the English title); headings without one do not start entries.</summary>
    public bool TitleLinkIsPaper { get; init; }

    /// <summary>The labelled fields of the entry body.</summary>
    public IReadOnlyList<FieldSpec> Fields { get; init; } = [];

    /// <summary>Whether the abstract is the content of the entry's <c>&lt;details&gt;</c> block (without its summary).</summary>
    public bool AbstractInDetails { get; init; }

    /// <summary>Whether the abstract is everything in the body that is not a labelled field (when no abstract label matches).</summary>
    public bool AbstractIsRest { get; init; }

    /// <summary>Whether a block quote holding only emphasis (<c>&gt; *中文标题*</c>) is the translated title.</summary>
    public bool QuotedEmphasisIsTranslatedTitle { get; init; }

    /// <summary>Whether entries of this layout have an English title (its absence is then reported).</summary>
    public bool HasTitle { get; init; } = true;

    /// <summary>Whether entries of this layout have an abstract (its absence is then reported).</summary>
    public bool HasAbstract { get; init; } = true;

    /// <summary>
    /// What tells this layout apart: a pattern matched on the source of the first line of the body's blocks. Each entry
    /// with a matching block scores 1, each entry start alone 0.1.
    /// </summary>
    public required Regex Signal { get; init; }
}
