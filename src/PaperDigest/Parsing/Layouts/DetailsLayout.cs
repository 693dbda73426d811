using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// One <c>&lt;details&gt;</c> block per paper: <c>&lt;summary&gt;&lt;b&gt;N. Title&lt;/b&gt; ⭐ 12&lt;/summary&gt;</c>, then labelled
/// link lines (<c>**🔗 Links:** …</c>, <c>**💻 Code:** …</c>) and a quoted abstract, up to <c>&lt;/details&gt;</c>.
/// </summary>
internal sealed class DetailsLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "details-summary";

    private static readonly Regex Numbered = new(@"^\d+[.、)]\s*(?=\S)", RegexOptions.CultureInvariant);
    private static readonly Regex Trailer = new(@"\s*[⭐★🔥👍]\s*\d+\s*$", RegexOptions.CultureInvariant);

    /// <summary>The shared instance.</summary>
    public static DetailsLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "A '<details><summary><b>N. Title</b></summary>' block per paper with link lines and a quoted abstract.";

    /// <summary>Each top-level HTML block (a <c>&lt;details&gt;</c> start) scores at most 1.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape) => DocumentShape.Bound(shape.HtmlBlocks);

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var score = 0.0;
        foreach (var b in context.Markdown)
        {
            if (IsDetailsStart(context, b))
            {
                // Cheap: look for "<summary>" followed by an optional tag and a number, without parsing the HTML.
                var src = context.SourceOf(b);
                var s = src.IndexOf("<summary", StringComparison.OrdinalIgnoreCase);
                var gt = s >= 0 ? src.IndexOf('>', s) : -1;
                var rest = gt >= 0 ? src.AsSpan(gt + 1).TrimStart() : [];
                while (rest.StartsWith("<", StringComparison.Ordinal) && rest.IndexOf('>') is var e and > 0)
                {
                    rest = rest[(e + 1)..].TrimStart();
                }

                score += rest.Length > 0 && char.IsAsciiDigit(rest[0]) ? 1 : 0.05;
            }
        }

        return score;
    }

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var preambleSet = false;
        for (var i = 0; i < doc.Count; i++)
        {
            if (!IsDetailsStart(context, doc[i]))
            {
                continue;
            }

            var start = (HtmlBlock)doc[i];
            var body = new List<Block>();
            var closed = LayoutSupport.SourceContains(context, start, "</details");
            var j = i + 1;
            if (!closed)
            {
                while (j < doc.Count && !(doc[j] is HtmlBlock && LayoutSupport.SourceContains(context, doc[j], "</details")) && !IsDetailsStart(context, doc[j]))
                {
                    body.Add(doc[j]);
                    j++;
                }
            }

            var end = j < doc.Count && doc[j] is HtmlBlock && !closed ? doc[j] : (body.Count > 0 ? body[^1] : start);
            if (ReadEntry(context, start, body, end))
            {
                if (!preambleSet)
                {
                    context.Preamble = context.SourceMarkdown.CanonicalSource(0, start.Span.Start);
                    preambleSet = true;
                }

                i = Math.Max(i, doc.IndexOf(end));
            }
        }

        if (!preambleSet)
        {
            context.Preamble = context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        }
    }

    private static bool IsDetailsStart(DigestReadContext context, Block b)
    {
        if (b is not HtmlBlock)
        {
            return false;
        }

        var start = b.Span.Start;
        var span = context.Text.AsSpan(start, Math.Min(context.Text.Length - start, b.Span.End + 1 - start)).TrimStart();
        return span.StartsWith("<details", StringComparison.OrdinalIgnoreCase) && span.Contains("<summary", StringComparison.OrdinalIgnoreCase);
    }

    private static bool ReadEntry(DigestReadContext context, HtmlBlock start, List<Block> body, Block end)
    {
        var root = HtmlText.ParseFragment(context.SourceOf(start));
        var summary = root.QuerySelector("summary");
        if (summary is null)
        {
            return false;
        }

        var titleNode = summary.QuerySelector("b, strong") ?? (INode)summary;
        var title = HtmlText.CollapseWhitespace(titleNode.TextContent);
        title = Trailer.Replace(title, "");
        var numbered = Numbered.Match(title);
        if (numbered.Success)
        {
            title = title[numbered.Length..];
        }

        var links = new List<DigestLink>();
        var abstractBlocks = new List<Block>();
        var abstractText = "";
        var abstractMarkdown = "";
        summary.Remove();
        foreach (var (href, text) in HtmlText.Links(root))
        {
            if (href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                links.Add(MarkdownLinks.MakeLink(href, href, text, context.Span(start)));
            }
        }

        if (body.Count == 0)
        {
            abstractText = HtmlText.ToText(root);
        }
        else
        {
            links.AddRange(MarkdownLinks.Collect(context, LayoutSupport.ForLinks(context, body)));
            foreach (var b in body)
            {
                if (b is ParagraphBlock p && IsFieldLine(p))
                {
                    continue;
                }

                if (b is HtmlBlock && !LayoutSupport.HtmlHasText(context, b))
                {
                    continue;
                }

                abstractBlocks.Add(b);
            }

            (abstractText, abstractMarkdown) = context.SourceMarkdown.BlocksTextAndMarkdown(abstractBlocks);
        }

        var paper = LayoutSupport.FirstPaperLink(links);
        if (!numbered.Success && paper is null)
        {
            return false; // a <details> that is not a paper (a table of contents, notes).
        }

        foreach (var b in body)
        {
            foreach (var leaf in LayoutSupport.Leaves(b))
            {
                LayoutSupport.ReportBadgeLinks(context, leaf.Inline, paper?.ArxivId?.Value);
            }
        }

        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            Paper = paper,
            Links = links,
            Abstract = abstractText,
            AbstractMarkdown = abstractMarkdown,
            Span = context.Span(start, end),
            TitleSpan = context.Span(start),
        });
        return true;
    }

    private static bool IsFieldLine(ParagraphBlock p)
        => p.Inline?.FirstChild is EmphasisInline { DelimiterCount: 2 } e && MarkdownText.TitleText(e).TrimEnd() is { Length: > 0 } label
            && (label.EndsWith(':') || label.EndsWith('：'));
}
