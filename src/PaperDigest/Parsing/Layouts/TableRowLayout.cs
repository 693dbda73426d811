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
internal sealed class TableRowLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "table-row";

    /// <summary>The shared instance.</summary>
    public static TableRowLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "A table row per paper: '| **[Title](arXiv)** | date | <details>abstract</details> |' or '| date | **Title**<br><sub>summary</sub> | [badge](arXiv) |'.";

    /// <summary>Each row of a top-level table scores at most 1.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape) => DocumentShape.Bound(shape.TableRows);

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

            // One AngleSharp parse per table: each row's HTML cell becomes one <div> of a single fragment.
            var rows = table.OfType<TableRow>().Where(r => !r.IsHeader).ToList();
            var abstracts = HtmlAbstracts(context, rows);
            for (var k = 0; k < rows.Count; k++)
            {
                if (!ReadRow(context, rows[k], abstracts[k]))
                {
                    continue;
                }

                if (!preambleSet)
                {
                    context.Preamble = context.SourceMarkdown.CanonicalSource(0, table.Span.Start);
                    preambleSet = true;
                }
            }
        }

        if (!preambleSet)
        {
            context.Preamble = context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        }
    }

    private static bool ReadRow(DigestReadContext context, TableRow row, string abstractText)
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
        var title = MarkdownText.TitleText(titleLink is not null ? titleLink : strong);
        var links = MarkdownLinks.Collect(context, [row]);
        var paper = titleLink is not null ? links.FirstOrDefault(l => l.Span.StartOffset == titleLink.Span.Start) : null;
        if (paper is { Kind: not LinkKind.Arxiv and not LinkKind.PaperPage } && LayoutSupport.FirstPaperLink(links) is { } better)
        {
            paper = better;
        }

        // A paper not on arXiv: the first absolute link that is neither code nor a project page keeps its URL.
        paper ??= LayoutSupport.FirstPaperLink(links)
            ?? links.FirstOrDefault(l => l.Kind == LinkKind.Other && l.Url.StartsWith("http", StringComparison.OrdinalIgnoreCase));

        if (paper is { Text.Length: 0 } && SourceHasImage(context, paper))
        {
            context.Report(DiagnosticIds.BadgeLinkText, DiagnosticSeverity.Info,
                $"The paper link '{MarkdownText.Shorten(paper.OriginalUrl)}' has a badge image as its text.", paper.Span, paper.ArxivId?.Value);
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

    private static bool SourceHasImage(DigestReadContext context, DigestLink link)
        => context.Text.AsSpan(link.Span.StartOffset, link.Span.Length).Contains("![", StringComparison.Ordinal);

    private static EmphasisInline? FirstStrong(ContainerInline? root)
    {
        for (var c = root?.FirstChild; c is not null; c = c.NextSibling)
        {
            // A bold date or number ('**2022-11-30**') is not a title.
            if (c is EmphasisInline { DelimiterCount: 2 } e && MarkdownText.TitleText(e).Any(char.IsLetter))
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

    /// <summary>
    /// The abstract of each row: the text of its first cell holding <c>&lt;details&gt;</c> (without the summary) or
    /// <c>&lt;sub&gt;</c>, read with AngleSharp from one fragment for the whole table.
    /// </summary>
    private static string[] HtmlAbstracts(DigestReadContext context, List<TableRow> rows)
    {
        var result = new string[rows.Count];
        Array.Fill(result, "");
        var html = new System.Text.StringBuilder();
        var index = new List<int>();
        for (var k = 0; k < rows.Count; k++)
        {
            foreach (var cell in rows[k])
            {
                if (HasHtml(cell))
                {
                    html.Append("<div>").Append(context.SourceOf(cell)).Append("</div>");
                    index.Add(k);
                    break;
                }
            }
        }

        if (index.Count == 0)
        {
            return result;
        }

        var root = HtmlText.ParseFragment(html.ToString());
        var divs = root.Children.Where(c => c.LocalName == "div").ToList();
        if (divs.Count != index.Count)
        {
            // Unbalanced HTML merged cells: read each cell on its own.
            divs = index.Select((_, j) => HtmlText.ParseFragment($"<div>{SourceOfHtmlCell(context, rows[index[j]])}</div>").Children.First()).ToList();
        }

        for (var j = 0; j < index.Count; j++)
        {
            var div = divs[j];
            if (div.QuerySelector("details") is { } details)
            {
                details.QuerySelector("summary")?.Remove();
                result[index[j]] = HtmlText.ToText(details);
            }
            else if (div.QuerySelector("sub") is { } sub)
            {
                result[index[j]] = HtmlText.ToText((INode)sub);
            }
        }

        return result;
    }

    private static string SourceOfHtmlCell(DigestReadContext context, TableRow row)
        => row.Cast<Block>().FirstOrDefault(HasHtml) is { } cell ? context.SourceOf(cell) : "";
}
