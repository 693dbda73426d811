using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// One paragraph per paper holding only <c>[English title](paper URL)</c>, followed by a bullet-list summary, under date
/// headings and between <c>---</c> rules.
/// </summary>
public sealed class LinkParagraphLayout : IDigestLayout
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
            if (doc[i] is ParagraphBlock p && TitleLink(p) is not null)
            {
                score += i + 1 < doc.Count && doc[i + 1] is ListBlock ? 1 : 0.1;
            }
        }

        return score;
    }

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var i = 0;
        while (i < doc.Count && !IsStart(doc[i]))
        {
            i++;
        }

        context.Preamble = i < doc.Count ? context.CanonicalSource(0, doc[i].Span.Start) : context.CanonicalSource(0, context.Text.Length);
        while (i < doc.Count)
        {
            var p = (ParagraphBlock)doc[i];
            var link = TitleLink(p)!;
            i++;
            var body = new List<Block>();
            while (i < doc.Count && !IsStart(doc[i]) && doc[i] is not HeadingBlock and not ThematicBreakBlock and not HtmlBlock)
            {
                body.Add(doc[i]);
                i++;
            }

            ReadEntry(context, p, link, body);
            while (i < doc.Count && !IsStart(doc[i]))
            {
                i++;
            }
        }
    }

    private static bool IsStart(Block b) => b is ParagraphBlock p && TitleLink(p) is not null;

    /// <summary>The paragraph's only link when it opens the paragraph and only a few stray characters follow it.</summary>
    private static LinkInline? TitleLink(ParagraphBlock p)
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

    private static void ReadEntry(DigestReadContext context, ParagraphBlock p, LinkInline link, List<Block> body)
    {
        var title = DigestReadContext.TitleText(link);
        var url = link.Url ?? "";
        var span = context.Span(link);
        DigestLink? paper = null;
        if (url.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Warning,
                title.Length == 0 ? "An empty link '[]()' stands where a paper should be." : $"The link of '{DigestReadContext.Shorten(title)}' has an empty target.", span);
        }
        else
        {
            paper = DigestReadContext.MakeLink(url, url, title, span);
            if (paper.Kind is not LinkKind.Arxiv and not LinkKind.PaperPage && PaperUrl.TryParseArxiv(url, out _) == PaperUrlKind.Malformed)
            {
                context.Report(DiagnosticIds.MalformedArxivId, DiagnosticSeverity.Error, $"'{url}' is an arXiv link with a malformed identifier.", span);
            }
        }

        if (link.NextSibling is { } stray && stray.Span.Start <= p.Span.End && !context.Text.AsSpan(stray.Span.Start, p.Span.End + 1 - stray.Span.Start).IsWhiteSpace())
        {
            context.Report(DiagnosticIds.StrayContent, DiagnosticSeverity.Info,
                $"Stray characters after the paper link: '{context.Text[stray.Span.Start..(p.Span.End + 1)].Trim()}'.", context.Span(stray.Span.Start, p.Span.End + 1), paper?.ArxivId?.Value);
        }

        var links = new List<DigestLink>();
        if (paper is not null)
        {
            links.Add(paper);
        }

        links.AddRange(context.CollectLinks(body, paper?.ArxivId?.Value));
        var last = body.Count > 0 ? body[^1] : p;
        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            Paper = paper,
            Links = links,
            Abstract = DigestReadContext.BlocksText(body),
            AbstractMarkdown = context.BlocksMarkdown(body),
            Span = context.Span(p, last),
            TitleSpan = span,
            ReportMissingLink = url.Length > 0,
        });
    }
}
