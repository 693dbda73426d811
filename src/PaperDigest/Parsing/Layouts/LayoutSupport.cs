using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>Helpers shared by the layouts.</summary>
internal static class LayoutSupport
{
    private static readonly System.Buffers.SearchValues<char> ZeroWidth = System.Buffers.SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF");

    /// <summary>The first link that names an arXiv paper (an arXiv link first, then a paper page).</summary>
    public static DigestLink? FirstPaperLink(IReadOnlyList<DigestLink> links)
    {
        DigestLink? page = null;
        foreach (var l in links)
        {
            if (l.Kind == LinkKind.Arxiv)
            {
                return l;
            }

            if (l.Kind == LinkKind.PaperPage)
            {
                page ??= l;
            }
        }

        return page;
    }

    /// <summary>The URL to store as an entry's paper URL: as written, or repaired when it was broken.</summary>
    public static string EntryUrl(DigestLink link) => link.Repaired ? link.Url : link.OriginalUrl;

    /// <summary>Reports zero-width characters in a source range, once.</summary>
    public static void ReportZeroWidth(DigestReadContext context, int start, int endExclusive, string? arxivId)
    {
        start = Math.Clamp(start, 0, context.Text.Length);
        endExclusive = Math.Clamp(endExclusive, start, context.Text.Length);
        var i = context.Text.AsSpan(start, endExclusive - start).IndexOfAny(ZeroWidth);
        if (i >= 0)
        {
            context.Report(DiagnosticIds.ZeroWidthSpace, DiagnosticSeverity.Info,
                "Zero-width characters in the entry; they are removed from titles.", context.Span(start + i, start + i + 1), arxivId);
        }
    }

    /// <summary>Reports links whose text is only a badge image.</summary>
    public static void ReportBadgeLinks(DigestReadContext context, ContainerInline? root, string? arxivId)
    {
        for (var c = root?.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is LinkInline { IsImage: false } link && link.FirstChild is not null && MarkdownText.TitleText(link).Length == 0 && HasImage(link))
            {
                context.Report(DiagnosticIds.BadgeLinkText, DiagnosticSeverity.Info,
                    $"The link to '{MarkdownText.Shorten(link.Url ?? "")}' has a badge image as its text.", context.Span(link), arxivId);
            }
            else if (c is ContainerInline inner and not LinkInline)
            {
                ReportBadgeLinks(context, inner, arxivId);
            }
        }
    }

    /// <summary>Reports code links that point at a paper.</summary>
    public static void ReportCodeLink(DigestReadContext context, DigestLink link, string? arxivId)
    {
        if (link.Kind is LinkKind.Arxiv or LinkKind.PaperPage)
        {
            context.Report(DiagnosticIds.CodeLinkIsPaper, DiagnosticSeverity.Warning,
                $"The code link '{link.OriginalUrl}' points at a paper, not at code.", link.Span, arxivId);
        }
    }

    /// <summary>Whether a paragraph is one bold span (with only whitespace around it), and that span.</summary>
    public static EmphasisInline? SoleStrong(LeafBlock block)
    {
        EmphasisInline? strong = null;
        for (var c = block.Inline?.FirstChild; c is not null; c = c.NextSibling)
        {
            switch (c)
            {
                case EmphasisInline { DelimiterCount: 2 } e when strong is null:
                    strong = e;
                    break;
                case LiteralInline lit when lit.Content.IsEmptyOrWhitespace():
                case LineBreakInline:
                    break;
                default:
                    return null;
            }
        }

        return strong;
    }

    /// <summary>The link a leaf block opens with (blank text and line breaks before it allowed), unless it is an image.</summary>
    public static LinkInline? LeadingLink(LeafBlock leaf)
        => FirstNonBlank(leaf.Inline?.FirstChild) as LinkInline is { IsImage: false } link ? link : null;

    /// <summary>Whether an inline carries nothing: blank literal text or a line break.</summary>
    public static bool IsBlank(Inline inline) => inline is LineBreakInline || (inline is LiteralInline lit && lit.Content.IsEmptyOrWhitespace());

    /// <summary>The first of an inline and its following siblings that is not blank (see <see cref="IsBlank"/>).</summary>
    public static Inline? FirstNonBlank(Inline? first)
    {
        var c = first;
        while (c is not null && IsBlank(c))
        {
            c = c.NextSibling;
        }

        return c;
    }

    /// <summary>
    /// A label pattern's match in a range of text. Every label pattern of the layouts ends in a colon (<c>Paper:</c>,
    /// <c>摘要：</c>), so a range without one is not searched: most lines of an abstract have none.
    /// </summary>
    public static System.Text.RegularExpressions.Match MatchLabel(System.Text.RegularExpressions.Regex pattern, string text, int start, int length)
        => text.AsSpan(start, length).IndexOfAny(':', '：') < 0 ? System.Text.RegularExpressions.Match.Empty : pattern.Match(text, start, length);

    /// <summary>The first non-image link among the direct (or emphasised) children of an inline container.</summary>
    public static LinkInline? FirstLink(ContainerInline? root)
    {
        for (var c = root?.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is LinkInline { IsImage: false } link)
            {
                return link;
            }

            if (c is EmphasisInline e && FirstLink(e) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>The leaf blocks (paragraphs, headings) inside a block, in order.</summary>
    public static IEnumerable<LeafBlock> Leaves(Block block)
    {
        if (block is LeafBlock leaf)
        {
            if (leaf.Inline is not null)
            {
                yield return leaf;
            }

            yield break;
        }

        if (block is ContainerBlock container)
        {
            foreach (var child in container)
            {
                foreach (var l in Leaves(child))
                {
                    yield return l;
                }
            }
        }
    }

    /// <summary>Whether a block is an HTML block (raw HTML handed over by Markdig).</summary>
    public static bool IsHtml(Block b) => b is HtmlBlock;

    /// <summary>Whether the source of a block contains a string (ordinal, case-insensitive).</summary>
    public static bool SourceContains(DigestReadContext context, Block b, string value)
    {
        var start = Math.Clamp(b.Span.Start, 0, context.Text.Length);
        var end = Math.Clamp(b.Span.End + 1, start, context.Text.Length);
        return context.Text.AsSpan(start, end - start).Contains(value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Adds an entry read by a structural layout: picks the paper link (the given one, else the first arXiv or
    /// paper-page link), reports a missing title or link and zero-width characters, and adds the record.
    /// </summary>
    public static void AddEntry(DigestReadContext context, EntryParts parts)
    {
        var paper = parts.Paper ?? FirstPaperLink(parts.Links);
        var arxivId = paper?.ArxivId;
        var name = Shorten(parts.Title.Length > 0 ? parts.Title : parts.TranslatedTitle);
        if (parts.Title.Length == 0 && parts.ExpectTitle)
        {
            context.Report(DiagnosticIds.EmptyTitle, DiagnosticSeverity.Error, "An entry has no English title.", parts.TitleSpan, arxivId?.Value);
        }

        if (paper is null && parts.ReportMissingLink)
        {
            context.Report(DiagnosticIds.MissingPaperLink, DiagnosticSeverity.Warning, $"Entry '{name}' has no paper link.", parts.TitleSpan, arxivId?.Value);
        }

        if (parts.ExpectAbstract && parts.Abstract.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyAbstract, DiagnosticSeverity.Warning, $"Entry '{name}' has no abstract.", parts.TitleSpan, arxivId?.Value);
        }

        ReportZeroWidth(context, parts.Span.StartOffset, parts.Span.EndOffset, arxivId?.Value);
        context.AddEntry(new DigestEntry
        {
            Title = parts.Title,
            TranslatedTitle = parts.TranslatedTitle,
            ArxivId = arxivId,
            Url = paper is null ? parts.FallbackUrl : EntryUrl(paper),
            Abstract = parts.Abstract,
            AbstractMarkdown = parts.AbstractMarkdown,
            Links = parts.Links,
            Span = parts.Span,
            TitleSpan = parts.TitleSpan,
            LinkSpan = paper?.Span ?? parts.TitleSpan,
        });
    }

    private static string Shorten(string s) => MarkdownText.Shorten(s);

    /// <summary>
    /// Blocks to search for links: HTML blocks without an <c>href</c> are left out, so AngleSharp only sees HTML that can
    /// hold a link.
    /// </summary>
    public static IEnumerable<Block> ForLinks(DigestReadContext context, IEnumerable<Block> blocks)
        => blocks.Where(b => b is not HtmlBlock || SourceContains(context, b, "href"));

    /// <summary>Blocks to read text from: HTML blocks that are only tags (<c>&lt;/details&gt;</c>, <c>&lt;br/&gt;</c>, anchors) are left out.</summary>
    public static List<Block> ForText(DigestReadContext context, IEnumerable<Block> blocks)
        => blocks.Where(b => b is not HtmlBlock || HtmlHasText(context, b)).ToList();

    /// <summary>
    /// Whether an HTML block has any character outside its tags and comments: a cheap pre-check that keeps blocks made of
    /// tags only away from AngleSharp (which then reads the ones that have text).
    /// </summary>
    public static bool HtmlHasText(DigestReadContext context, Block b) => TextOutsideTags(context, b, stopAtFirst: true).Length > 0;

    /// <summary>
    /// The characters of an HTML block outside its tags and comments (entities left as written): a cheap pre-check that
    /// decides whether AngleSharp needs to read the block; never used as the block's text.
    /// </summary>
    public static string TextOutsideTags(DigestReadContext context, Block b, bool stopAtFirst = false)
    {
        var sb = StringBuilderCache.Acquire();
        var start = Math.Clamp(b.Span.Start, 0, context.Text.Length);
        var span = context.Text.AsSpan(start, Math.Clamp(b.Span.End + 1 - start, 0, context.Text.Length - start));
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c == '<')
            {
                var close = span[i..].StartsWith("<!--", StringComparison.Ordinal) ? span[i..].IndexOf("-->", StringComparison.Ordinal) : span[i..].IndexOf('>');
                if (close < 0)
                {
                    sb.Append(span[i..]);
                    break;
                }

                i += close + 1;
                sb.Append('\n');
                continue;
            }

            if (!char.IsWhiteSpace(c) && stopAtFirst)
            {
                StringBuilderCache.ToStringAndRelease(sb.Clear());
                return c.ToString();
            }

            sb.Append(c);
            i++;
        }

        var text = StringBuilderCache.ToStringAndRelease(sb);
        return stopAtFirst ? "" : text;
    }

    private static bool HasImage(ContainerInline c)
    {
        for (var x = c.FirstChild; x is not null; x = x.NextSibling)
        {
            if (x is LinkInline { IsImage: true } || (x is ContainerInline inner && HasImage(inner)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The fields of an entry read by a structural layout.</summary>
internal sealed record EntryParts
{
    public required string Title { get; init; }

    public string TranslatedTitle { get; init; } = "";

    public IReadOnlyList<DigestLink> Links { get; init; } = [];

    public DigestLink? Paper { get; init; }

    public string FallbackUrl { get; init; } = "";

    public string Abstract { get; init; } = "";

    public string AbstractMarkdown { get; init; } = "";

    public required SourceSpan Span { get; init; }

    public required SourceSpan TitleSpan { get; init; }

    public bool ExpectTitle { get; init; } = true;

    public bool ExpectAbstract { get; init; } = true;

    public bool ReportMissingLink { get; init; } = true;
}
