using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// The canonical layout (the reference digest's): <c>## English title</c>, then a paragraph holding one link whose text is
/// the translated title and whose target is the arXiv page, then the abstract: every block up to the next entry heading.
/// </summary>
public sealed class HeadingLinkLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "heading-link";

    /// <summary>The shared instance.</summary>
    public static HeadingLinkLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "'## English title', a '[translated title](arXiv URL)' paragraph, then the abstract (the canonical layout).";

    /// <summary>The heading level that starts an entry.</summary>
    public int EntryHeadingLevel { get; init; } = 2;

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var score = 0.0;
        var doc = context.Markdown;
        for (var i = 0; i < doc.Count; i++)
        {
            if (doc[i] is HeadingBlock h && h.Level == EntryHeadingLevel)
            {
                score += 0.1;
                // The layout's shape is a heading with a link paragraph right after it; an arXiv target makes it surer.
                if (i + 1 < doc.Count && doc[i + 1] is ParagraphBlock p && LayoutSupport.LeadingLink(p) is { } link)
                {
                    score += PaperUrl.TryParseArxiv(link.Url ?? "", out _) is PaperUrlKind.Arxiv or PaperUrlKind.Malformed ? 1.5 : 1;
                }
            }
        }

        return score;
    }

    /// <summary>Each entry heading scores 0.1, and at most 1.5 more for the link paragraph after it.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape) => DocumentShape.Bound(1.6 * shape.Headings(EntryHeadingLevel));

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var i = 0;
        while (i < doc.Count && !IsEntryHeading(doc[i]))
        {
            i++;
        }

        context.Preamble = i < doc.Count ? context.CanonicalSource(0, doc[i].Span.Start) : context.CanonicalSource(0, context.Text.Length);
        while (i < doc.Count)
        {
            var heading = (HeadingBlock)doc[i];
            i++;
            var start = i;
            while (i < doc.Count && !IsEntryHeading(doc[i]))
            {
                i++;
            }

            ReadEntry(context, heading, doc, start, i);
        }
    }

    private bool IsEntryHeading(Block b) => b is HeadingBlock h && h.Level == EntryHeadingLevel;

    private static void ReadEntry(DigestReadContext context, HeadingBlock heading, MarkdownDocument doc, int start, int end)
    {
        var title = DigestReadContext.TitleText(heading.Inline);
        var titleSpan = heading.Inline?.FirstChild is { } first && heading.Inline.LastChild is { } last
            ? context.Span(first, last)
            : context.Span(heading);
        var translated = "";
        var url = "";
        ArxivId? arxivId = null;
        var linkSpan = titleSpan;
        var abstractStart = start;

        if (start < end && doc[start] is ParagraphBlock para && LayoutSupport.LeadingLink(para) is { } link)
        {
            abstractStart++;
            translated = DigestReadContext.TitleText(link);
            url = link.Url ?? "";
            linkSpan = context.Span(link);
            var kind = PaperUrl.TryParseArxiv(url, out var id);
            if (kind is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage)
            {
                arxivId = id;
            }
            else if (url.Length == 0)
            {
                context.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Error, $"The paper link of '{DigestReadContext.Shorten(title)}' has an empty target.", linkSpan);
            }
            else if (kind == PaperUrlKind.Malformed)
            {
                context.Report(DiagnosticIds.MalformedArxivId, DiagnosticSeverity.Error, $"'{url}' is an arXiv link with a malformed identifier.", linkSpan);
            }
            else
            {
                context.Report(DiagnosticIds.NotArxivLink, DiagnosticSeverity.Warning, $"The paper link '{url}' is not an arXiv link.", linkSpan);
            }

            if (translated.Length == 0)
            {
                context.Report(DiagnosticIds.EmptyTranslatedTitle, DiagnosticSeverity.Warning, $"The paper link of '{DigestReadContext.Shorten(title)}' has no text (translated title).", linkSpan, arxivId?.Value);
            }

            // Anything else in the link paragraph belongs to no field.
            for (var c = link.NextSibling; c is not null; c = c.NextSibling)
            {
                if (c is LineBreakInline || (c is LiteralInline lit && lit.Content.IsEmptyOrWhitespace()))
                {
                    continue;
                }

                var strayStart = c.Span.Start;
                while (strayStart < para.Span.End && char.IsWhiteSpace(context.Text[strayStart]))
                {
                    strayStart++;
                }

                var straySpan = context.Span(strayStart, para.Span.End + 1);
                context.Report(DiagnosticIds.StrayContent, DiagnosticSeverity.Warning,
                    $"Text after the paper link is not part of any field: '{DigestReadContext.Shorten(context.Text[straySpan.StartOffset..straySpan.EndOffset].ReplaceLineEndings(" "))}'.", straySpan, arxivId?.Value);
                break;
            }
        }
        else
        {
            context.Report(DiagnosticIds.MissingPaperLink, DiagnosticSeverity.Error,
                $"Entry '{DigestReadContext.Shorten(title)}' has no '[translated title](arXiv URL)' paragraph after its heading.", titleSpan.Length > 0 ? titleSpan : context.Span(heading));
        }

        if (title.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyTitle, DiagnosticSeverity.Error, "An entry heading has no title.", context.Span(heading), arxivId?.Value);
        }

        var abstractBlocks = new List<Block>();
        for (var k = abstractStart; k < end; k++)
        {
            var b = doc[k];
            if (b is HeadingBlock { Level: 1 } h1)
            {
                context.Report(DiagnosticIds.StrayContent, DiagnosticSeverity.Warning,
                    $"Level-1 heading '{DigestReadContext.Shorten(DigestReadContext.TitleText(h1.Inline))}' between entries is not part of any entry.", context.Span(h1), arxivId?.Value);
                continue;
            }

            if (b is ThematicBreakBlock or LinkReferenceDefinitionGroup)
            {
                continue;
            }

            abstractBlocks.Add(b);
        }

        var (abstractText, abstractMarkdown) = context.BlocksTextAndMarkdown(abstractBlocks);
        if (abstractText.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyAbstract, DiagnosticSeverity.Warning, $"Entry '{DigestReadContext.Shorten(title)}' has no abstract.", titleSpan, arxivId?.Value);
        }

        var lastBlock = end > start ? doc[end - 1] : heading;
        context.AddEntry(new DigestEntry
        {
            Title = title,
            TranslatedTitle = translated,
            ArxivId = arxivId,
            Url = url,
            Abstract = abstractText,
            AbstractMarkdown = abstractMarkdown,
            Links = context.CollectLinks(abstractBlocks, arxivId?.Value),
            Span = context.Span(heading, lastBlock),
            TitleSpan = titleSpan,
            LinkSpan = linkSpan,
        });
    }
}
