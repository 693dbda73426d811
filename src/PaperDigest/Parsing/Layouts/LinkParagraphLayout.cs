using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// One paragraph per paper holding only <c>[English title](paper URL)</c>, followed by a bullet-list summary, under date
/// headings and between <c>---</c> rules.
/// </summary>
internal sealed class LinkParagraphLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "link-paragraph";

    /// <summary>The shared instance.</summary>
    public static LinkParagraphLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "A '[English title](arXiv URL)' paragraph per paper, a bullet-list summary, '---' rules and date headings.";

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var score = 0.0;
        for (var i = 0; i < doc.Count; i++)
        {
            if (doc[i] is LeafBlock leaf and (ParagraphBlock or HeadingBlock { IsSetext: true }) && TitleLink(leaf) is { } link && (link.Url ?? "").Length > 0)
            {
                score += i + 1 < doc.Count && doc[i + 1] is ListBlock ? 1 : 0.1;
            }
        }

        return score;
    }

    /// <summary>Each paragraph or setext heading led by a title link scores at most 1.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape) => DocumentShape.Bound(shape.LinkLedLeaves);

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var preambleSet = false;
        var i = 0;
        while (i < doc.Count)
        {
            var start = Classify(context, doc[i]);
            if (start is null)
            {
                i++;
                continue;
            }

            var block = (LeafBlock)doc[i];
            i++;
            if (start.Title.Length == 0 && start.Url.Length == 0)
            {
                context.Report(DiagnosticIds.TemplatePlaceholder, DiagnosticSeverity.Warning, "An empty link '[]()' stands where a paper should be.", context.Span(block));
                continue;
            }

            if (!preambleSet)
            {
                context.Preamble = context.SourceMarkdown.CanonicalSource(0, block.Span.Start);
                preambleSet = true;
            }

            var body = new List<Block>();
            while (i < doc.Count && doc[i] is not HeadingBlock and not ThematicBreakBlock and not HtmlBlock && Classify(context, doc[i]) is null)
            {
                body.Add(doc[i]);
                i++;
            }

            ReadEntry(context, block, start, body);
        }

        if (!preambleSet)
        {
            context.Preamble = context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        }
    }

    /// <summary>What starts an entry: a paragraph (or a setext heading, when a '---' follows) that is one link.</summary>
    private static StartLink? Classify(DigestReadContext context, Block b)
    {
        if (b is not LeafBlock leaf || b is not (ParagraphBlock or HeadingBlock { IsSetext: true }))
        {
            return null;
        }

        if (TitleLink(leaf) is { } link)
        {
            var textSpan = link.FirstChild is { } f && link.LastChild is { } l ? context.Span(f, l) : context.Span(link);
            var stray = link.NextSibling is { } next && next.Span.Start >= 0 ? next.Span.Start : -1;
            return new StartLink(MarkdownText.TitleText(link), link.Url ?? "", context.Span(link), textSpan.StartLine != textSpan.EndLine, false, stray);
        }

        return b is ParagraphBlock ? Malformed(context, leaf) : null;
    }

    /// <summary>
    /// A paragraph that was meant as '[Title](URL)' but is not a Markdown link (a brace for a bracket, spaces in the
    /// target): read from its source, as written.
    /// </summary>
    private static StartLink? Malformed(DigestReadContext context, LeafBlock p)
    {
        var head = context.Text.AsSpan(p.Span.Start, Math.Min(2, context.Text.Length - p.Span.Start));
        if (!head.StartsWith("[", StringComparison.Ordinal) || head.StartsWith("[!", StringComparison.Ordinal) || LayoutSupport.FirstLink(p.Inline) is not null)
        {
            return null;
        }

        var src = context.SourceOf(p).TrimEnd();
        if (src.Length < 5 || src[^1] != ')' || src.Count(c => c == '\n') > 2)
        {
            return null;
        }

        var open = src.LastIndexOf('(');
        var close = src.IndexOf("](", StringComparison.Ordinal);
        var titleEnd = close > 0 ? close : open;
        if (open <= 1 || titleEnd <= 1)
        {
            return null;
        }

        var title = HtmlText.CollapseWhitespace(src[1..titleEnd].TrimEnd(']', '{', '(', ' '));
        var target = src[(close > 0 ? close + 2 : open + 1)..^1].Trim();
        return title.Length == 0 ? null : new StartLink(title, target, context.Span(p), src.Contains('\n', StringComparison.Ordinal), true, -1);
    }

    /// <summary>The paragraph's only link when it opens the paragraph and only a few stray characters follow it.</summary>
    private static LinkInline? TitleLink(LeafBlock p)
    {
        LinkInline? link = null;
        var trailing = 0;
        for (var c = p.Inline?.FirstChild; c is not null; c = c.NextSibling)
        {
            switch (c)
            {
                case LinkInline { IsImage: false } l when link is null && !HasImage(l):
                    link = l;
                    break;
                case LiteralInline lit when lit.Content.IsEmptyOrWhitespace():
                case LineBreakInline:
                    break;
                case LiteralInline lit when link is not null:
                    trailing += lit.Content.Length;
                    break;
                default:
                    return null;
            }
        }

        return trailing <= 3 ? link : null;
    }

    private static bool HasImage(ContainerInline c)
    {
        for (var x = c.FirstChild; x is not null; x = x.NextSibling)
        {
            if (x is LinkInline { IsImage: true })
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadEntry(DigestReadContext context, LeafBlock p, StartLink start, List<Block> body)
    {
        var title = start.Title;
        var url = start.Url;
        var span = start.Span;
        DigestLink? paper = null;
        if (start.Malformed)
        {
            context.Report(DiagnosticIds.MalformedLink, DiagnosticSeverity.Warning,
                $"'{MarkdownText.Shorten(context.Text[span.StartOffset..span.EndOffset].ReplaceLineEndings(" "))}' is not a valid Markdown link; read as title and target.", span);
        }

        if (start.Wrapped)
        {
            context.Report(DiagnosticIds.TitleWrapped, DiagnosticSeverity.Info, $"The title '{MarkdownText.Shorten(title)}' is wrapped over several lines.", span);
        }

        if (url.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Warning, $"The link of '{MarkdownText.Shorten(title)}' has an empty target.", span);
        }
        else if (start.Malformed && !url.Contains("://", StringComparison.Ordinal))
        {
            context.Report(DiagnosticIds.MissingPaperLink, DiagnosticSeverity.Warning, $"The link target '{MarkdownText.Shorten(url)}' of '{MarkdownText.Shorten(title)}' is not a URL.", span);
            url = "";
        }
        else
        {
            paper = MarkdownLinks.MakeLink(url, url, title, span);
            if (paper.Kind is not LinkKind.Arxiv and not LinkKind.PaperPage && PaperUrl.TryParseArxiv(url, out _) == PaperUrlKind.Malformed)
            {
                context.Report(DiagnosticIds.MalformedArxivId, DiagnosticSeverity.Error, $"'{url}' is an arXiv link with a malformed identifier.", span);
            }
        }

        if (start.StrayStart >= 0 && start.StrayStart <= p.Span.End && !context.Text.AsSpan(start.StrayStart, p.Span.End + 1 - start.StrayStart).IsWhiteSpace())
        {
            context.Report(DiagnosticIds.StrayContent, DiagnosticSeverity.Info,
                $"Stray characters after the paper link: '{context.Text[start.StrayStart..(p.Span.End + 1)].Trim()}'.", context.Span(start.StrayStart, p.Span.End + 1), paper?.ArxivId?.Value);
        }

        var links = new List<DigestLink>();
        if (paper is not null)
        {
            links.Add(paper);
        }

        links.AddRange(MarkdownLinks.Collect(context, body, paper?.ArxivId?.Value));
        var last = body.Count > 0 ? body[^1] : p;
        var (abstractText, abstractMarkdown) = context.SourceMarkdown.BlocksTextAndMarkdown(body);
        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            Paper = paper,
            Links = links,
            Abstract = abstractText,
            AbstractMarkdown = abstractMarkdown,
            Span = context.Span(p, last),
            TitleSpan = span,
            ExpectAbstract = false,
            ReportMissingLink = false,
        });
    }

    private sealed record StartLink(string Title, string Url, SourceSpan Span, bool Wrapped, bool Malformed, int StrayStart);
}
