using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// One bullet per paper: <c>- 2022-11-30, **Title**, Author et.al., Paper: [url](url), Code: **[url](url)**</c>, under
/// topic headings.
/// </summary>
internal sealed partial class BulletLineLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "bullet-line";


    /// <summary>The shared instance.</summary>
    public static BulletLineLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "One bullet per paper: '- date, **Title**, Authors, Paper: [url](url), Code: [url](url)'.";

    /// <summary>Each item of a top-level list scores at most 1.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape) => DocumentShape.Bound(shape.ListItems);

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var score = 0.0;
        foreach (var block in context.Markdown)
        {
            if (block is not ListBlock list)
            {
                continue;
            }

            foreach (var item in list)
            {
                if (item is ListItemBlock { Count: > 0 } li && li[0] is ParagraphBlock p && TitleOf(p) is not null && HasLink(p.Inline))
                {
                    score += 1;
                }
            }
        }

        return score;
    }

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var first = true;
        foreach (var block in context.Markdown)
        {
            if (block is not ListBlock list)
            {
                continue;
            }

            foreach (var item in list)
            {
                if (item is not ListItemBlock { Count: > 0 } li || li[0] is not ParagraphBlock p || TitleOf(p) is not { } strong || !HasLink(p.Inline))
                {
                    continue;
                }

                if (first)
                {
                    context.Preamble = context.SourceMarkdown.CanonicalSource(0, li.Span.Start);
                    first = false;
                }

                ReadEntry(context, li, p, strong);
            }
        }

        if (first)
        {
            context.Preamble = context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        }
    }

    private static EmphasisInline? TitleOf(ParagraphBlock p)
    {
        for (var c = p.Inline?.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is EmphasisInline { DelimiterCount: 2 } e && LayoutSupport.FirstLink(e) is null && MarkdownText.TitleText(e).Any(char.IsLetter))
            {
                return e;
            }
        }

        return null;
    }

    private static bool HasLink(ContainerInline? root)
    {
        for (var c = root?.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is LinkInline { IsImage: false } or AutolinkInline || (c is ContainerInline inner && HasLink(inner)))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadEntry(DigestReadContext context, ListItemBlock item, ParagraphBlock p, EmphasisInline strong)
    {
        var title = MarkdownText.TitleText(strong);
        var links = MarkdownLinks.Collect(context, [p]);
        var flat = FlatText.Of(p);
        DigestLink? paper = null;
        if (LayoutSupport.MatchLabel(PaperLabel(), flat.Text, 0, flat.Text.Length) is { Success: true } pm)
        {
            var from = flat.SourceOffset(pm.Index + pm.Length);
            paper = links.FirstOrDefault(l => l.Span.StartOffset >= from);
        }

        if (LayoutSupport.MatchLabel(CodeLabel(), flat.Text, 0, flat.Text.Length) is { Success: true } cm)
        {
            var from = flat.SourceOffset(cm.Index + cm.Length);
            if (links.FirstOrDefault(l => l.Span.StartOffset >= from) is { } code && !ReferenceEquals(code, paper))
            {
                LayoutSupport.ReportCodeLink(context, code, paper?.ArxivId?.Value);
            }
        }

        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            Paper = paper,
            Links = links,
            Span = context.Span(item),
            TitleSpan = strong.FirstChild is { } f && strong.LastChild is { } l ? context.Span(f, l) : context.Span(strong),
            ExpectAbstract = false,
        });
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:Paper|PDF|arXiv|论文)\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaperLabel();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:Code|代码)\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeLabel();
}
