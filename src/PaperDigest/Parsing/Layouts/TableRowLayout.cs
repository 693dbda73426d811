using AngleSharp.Dom;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// A table row per paper: a cell with the bold title (<c>**Title**</c> or <c>**[Title](arXiv)**</c>), cells with links
/// (badges included), and the abstract or summary as HTML in a cell (<c>&lt;details&gt;</c>, <c>&lt;sub&gt;</c>).
/// </summary>
public sealed class TableRowLayout : IDigestLayout
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "table-row";

    /// <summary>The shared instance.</summary>
    public static TableRowLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "A table row per paper: '| **[Title](arXiv)** | date | <details>abstract</details> |' or '| date | **Title**<br><sub>summary</sub> | [badge](arXiv) |'.";

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var score = 0.0;
        foreach (var b in context.Markdown)
        {
            if (b is not Table table)
            {
                continue;
            }

            foreach (var r in table)
            {
                if (r is TableRow { IsHeader: false } row && LayoutSupport.SourceContains(context, row, "arxiv"))
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
        var preambleSet = false;
        foreach (var b in context.Markdown)
        {
            if (b is not Table table)
            {
                continue;
            }

            foreach (var r in table)
            {
                if (r is not TableRow { IsHeader: false } row || !ReadRow(context, row))
                {
                    continue;
                }

                if (!preambleSet)
                {
                    context.Preamble = context.CanonicalSource(0, table.Span.Start);
                    preambleSet = true;
                }
            }
        }

        if (!preambleSet)
        {
            context.Preamble = context.CanonicalSource(0, context.Text.Length);
        }
    }

    private static bool ReadRow(DigestReadContext context, TableRow row)
    {
        EmphasisInline? strong = null;
        foreach (var cell in row)
        {
            foreach (var leaf in LayoutSupport.Leaves(cell))
            {
                strong ??= FirstStrong(leaf.Inline);
            }
        }

        if (strong is null)
        {
            return false;
        }

        var titleLink = LayoutSupport.FirstLink(strong);
        var title = DigestReadContext.TitleText(titleLink is not null ? titleLink : strong);
        var links = context.CollectLinks([row]);
        var paper = titleLink is not null ? links.FirstOrDefault(l => l.Span.StartOffset == titleLink.Span.Start) : null;
        if (paper is { Kind: not LinkKind.Arxiv and not LinkKind.PaperPage } && LayoutSupport.FirstPaperLink(links) is { } better)
        {
            paper = better;
        }

        // A paper not on arXiv: the first absolute link that is neither code nor a project page keeps its URL.
        paper ??= LayoutSupport.FirstPaperLink(links)
            ?? links.FirstOrDefault(l => l.Kind == LinkKind.Other && l.Url.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        var abstractText = "";
        foreach (var cell in row)
        {
            if (abstractText.Length == 0 && HasHtml(cell))
            {
                abstractText = HtmlAbstract(context.SourceOf(cell));
            }
        }

        var span = context.Span(row);
        if (title.Length == 0 && LayoutSupport.FirstPaperLink(links) is null)
        {
            return false;
        }

        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            Paper = paper,
            Links = links,
            Abstract = abstractText,
            AbstractMarkdown = abstractText.Length > 0 ? abstractText : "",
            Span = span,
            TitleSpan = strong.FirstChild is { } f && strong.LastChild is { } l ? context.Span(f, l) : context.Span(strong),
        });
        return true;
    }

    private static EmphasisInline? FirstStrong(ContainerInline? root)
    {
        for (var c = root?.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is EmphasisInline { DelimiterCount: 2 } e && DigestReadContext.TitleText(e).Length > 0)
            {
                return e;
            }
        }

        return null;
    }

    private static bool HasHtml(Block cell)
    {
        foreach (var leaf in LayoutSupport.Leaves(cell))
        {
            for (var c = leaf.Inline?.FirstChild; c is not null; c = c.NextSibling)
            {
                if (c is HtmlInline h && h.Tag is { } tag && (tag.StartsWith("<details", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("<sub", StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The text of a cell's <c>&lt;details&gt;</c> (without its summary) or <c>&lt;sub&gt;</c>, read with AngleSharp.</summary>
    private static string HtmlAbstract(string cellSource)
    {
        var root = HtmlText.ParseFragment(cellSource);
        if (root.QuerySelector("details") is { } details)
        {
            details.QuerySelector("summary")?.Remove();
            return HtmlText.ToText(details);
        }

        return root.QuerySelector("sub") is { } sub ? HtmlText.ToText((INode)sub) : "";
    }
}
