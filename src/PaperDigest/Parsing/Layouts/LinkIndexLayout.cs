using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// An index of pages: <c>- [English title](page.md)</c> with an indented <c>- [翻译: 中文标题](page.md)</c> under it, grouped
/// by plain date lines. The links point at local pages, so entries have no arXiv identifier.
/// </summary>
internal sealed class LinkIndexLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "link-index";

    private static readonly Regex TranslationLabel = new(@"^\s*(?:翻译|译文|中文|Translation|Translated)\s*[:：]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The shared instance.</summary>
    public static LinkIndexLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "An index of '- [English title](page.md)' items, each with an indented '- [翻译: 中文标题](page.md)'.";

    /// <summary>Each item of a top-level list scores at most 1.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape) => DocumentShape.Bound(shape.ListItems);

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var score = 0.0;
        foreach (var b in context.Markdown)
        {
            if (b is not ListBlock list)
            {
                continue;
            }

            foreach (var item in list)
            {
                if (item is ListItemBlock li && Translation(context, li) is not null)
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
            if (b is not ListBlock list)
            {
                continue;
            }

            foreach (var item in list)
            {
                if (item is not ListItemBlock { Count: > 0 } li || li[0] is not ParagraphBlock p || ReadLink(context, p) is not { } en)
                {
                    continue;
                }

                var zh = Translation(context, li);
                if (zh is null && !LooksLikePaper(en.Url))
                {
                    continue;
                }

                if (!preambleSet)
                {
                    context.Preamble = context.SourceMarkdown.CanonicalSource(0, list.Span.Start);
                    preambleSet = true;
                }

                var paper = en.Url.Length > 0 ? MarkdownLinks.MakeLink(en.Url, en.Url, en.Text, en.Span) : null;
                if (en.Url.Length == 0)
                {
                    context.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Warning, $"The link of '{MarkdownText.Shorten(en.Text)}' has an empty target.", en.Span);
                }

                var translated = zh is { } z ? TranslationLabel.Replace(z.Text, "") : "";
                LayoutSupport.AddEntry(context, new EntryParts
                {
                    Title = en.Text,
                    TranslatedTitle = translated,
                    Paper = paper,
                    FallbackUrl = en.Url,
                    Links = paper is null ? [] : [paper],
                    Span = context.Span(li),
                    TitleSpan = en.Span,
                    ExpectAbstract = false,
                    ReportMissingLink = false,
                });
            }
        }

        if (!preambleSet)
        {
            context.Preamble = context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        }
    }

    private static bool LooksLikePaper(string url) => PaperUrl.TryParseArxiv(url, out _) is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage;

    private static LinkText? Translation(DigestReadContext context, ListItemBlock li)
    {
        if (li.Count < 2 || li[0] is not ParagraphBlock || li[1] is not ListBlock nested)
        {
            return null;
        }

        foreach (var sub in nested)
        {
            if (sub is ListItemBlock { Count: > 0 } si && si[0] is ParagraphBlock sp && ReadLink(context, sp) is { } l && TranslationLabel.IsMatch(l.Text))
            {
                return l;
            }
        }

        return null;
    }

    /// <summary>
    /// A paragraph that is one link. Targets with spaces are not links to Markdown (<c>[Title](my page.md)</c>), so such a
    /// paragraph is read from its source, as written.
    /// </summary>
    private static LinkText? ReadLink(DigestReadContext context, ParagraphBlock p)
    {
        if (p.Inline?.FirstChild is LinkInline { IsImage: false } link && link.NextSibling is null)
        {
            return new LinkText(MarkdownText.TitleText(link), link.Url ?? "", context.Span(link));
        }

        var src = context.SourceOf(p).TrimEnd();
        if (src.Length < 4 || src[0] != '[' || src[^1] != ')' || src.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var mid = src.LastIndexOf("](", StringComparison.Ordinal);
        if (mid <= 0)
        {
            return null;
        }

        var text = HtmlText.CollapseWhitespace(src[1..mid]);
        var url = src[(mid + 2)..^1].Trim();
        return new LinkText(text, url, context.Span(p.Span.Start, p.Span.Start + src.Length));
    }

    private sealed record LinkText(string Text, string Url, SourceSpan Span);
}
