using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// The canonical layout (the reference digest's): <c>## English title</c>, then a paragraph holding one link whose text is
/// the translated title and whose target is the arXiv page, then the abstract: every block up to the next entry heading.
/// </summary>
internal sealed class HeadingLinkLayout : IDigestLayout, IDetectionBound
{
    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "heading-link";

    /// <summary>The shared instance.</summary>
    public static HeadingLinkLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "'## English title', a '[translated title](arXiv URL)' paragraph, then the abstract (the canonical layout).";

    /// <summary>The level every entry heading has when no document says otherwise (the reference digest's <c>##</c>).</summary>
    public const int DefaultEntryHeadingLevel = 2;

    /// <summary>
    /// The heading level that starts an entry; <see langword="null"/> (the default) for the level each document uses: the
    /// level (2 to 6; level 1 is the document's title) whose headings are most often followed by a link paragraph,
    /// <see cref="DefaultEntryHeadingLevel"/> on a tie or when no heading is.
    /// </summary>
    public int? EntryHeadingLevel { get; init; }

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var level = LevelOf(doc);
        var score = 0.0;
        for (var i = 0; i < doc.Count; i++)
        {
            if (doc[i] is HeadingBlock h && h.Level == level)
            {
                score += 0.1;
                // The layout's shape is a heading with a link paragraph right after it; an arXiv target makes it surer. A
                // line of several other links (navigation under a section heading) is weak evidence.
                if (LinkAfter(doc, i) is { } link)
                {
                    score += PaperUrl.TryParseArxiv(link.Url ?? "", out _) switch
                    {
                        PaperUrlKind.Arxiv or PaperUrlKind.Malformed => 1.5,
                        PaperUrlKind.PaperPage => 1,
                        _ => StrayAfter(link, (ParagraphBlock)doc[i + 1]) is null ? 1 : 0.5,
                    };
                }
            }
        }

        return score;
    }

    /// <summary>Each entry heading scores 0.1, and at most 1.5 more for the link paragraph after it.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape)
    {
        if (EntryHeadingLevel is { } fixedLevel)
        {
            return DocumentShape.Bound(1.6 * shape.Headings(fixedLevel));
        }

        // The level is one of 2 to 6, chosen per document.
        var headings = 0;
        for (var level = DefaultEntryHeadingLevel; level <= 6; level++)
        {
            headings = Math.Max(headings, shape.Headings(level));
        }

        return DocumentShape.Bound(1.6 * headings);
    }

    /// <summary>The entry heading level of a document (see <see cref="EntryHeadingLevel"/>).</summary>
    /// <param name="doc">The Markdown document.</param>
    /// <returns>The level, 1 to 6.</returns>
    public int LevelOf(MarkdownDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        if (EntryHeadingLevel is { } fixedLevel)
        {
            return fixedLevel;
        }

        // Heading + link paragraph pairs per level. A date heading followed by a link paragraph ('#### 31st of December
        // 2024' over the day's first paper, in a list of link paragraphs) is no pair.
        Span<int> pairs = stackalloc int[7];
        Span<int> headings = stackalloc int[7];
        for (var i = 0; i < doc.Count; i++)
        {
            if (doc[i] is HeadingBlock h && h.Level is >= 1 and <= 6)
            {
                headings[h.Level]++;
                if (LinkAfter(doc, i) is not null && (h.Level == DefaultEntryHeadingLevel || !LooksLikeDate(MarkdownText.InlineText(h.Inline))))
                {
                    pairs[h.Level]++;
                }
            }
        }

        // Level 1 is the document's title ('# 2025-02-04 论文速递') in this format, never chosen by itself. Another level
        // wins over the default with more pairs, when most link paragraphs follow its headings, and with at least two
        // unless the document has no level-2 heading at all (one '###' pair among '##' headings that lack their links is
        // more likely a slip than the layout).
        var best = DefaultEntryHeadingLevel;
        var linkParagraphs = -1;
        for (var level = 3; level <= 6; level++)
        {
            if (pairs[level] > pairs[best] && (pairs[level] >= 2 || headings[DefaultEntryHeadingLevel] == 0))
            {
                // Counted only when a level is in question (never for a document in the reference layout).
                if (linkParagraphs < 0)
                {
                    linkParagraphs = 0;
                    foreach (var b in doc)
                    {
                        if (b is ParagraphBlock p && LayoutSupport.LeadingLink(p) is not null)
                        {
                            linkParagraphs++;
                        }
                    }
                }

                if (2 * pairs[level] > linkParagraphs)
                {
                    best = level;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Whether a heading's text is a date and nothing else: every word a number, an ordinal, a month or weekday name or
    /// "of"/"the" ("31st of December 2024", "2025-02-04", "Feb 4, 2025", "2025年2月4日"), with at least one number.
    /// </summary>
    internal static bool LooksLikeDate(string text)
    {
        var hasNumber = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            var word = text.AsSpan(start, i - start);
            var digits = 0;
            while (digits < word.Length && char.IsAsciiDigit(word[digits]))
            {
                digits++;
            }

            if (digits > 0 && (digits == word.Length || (word.Length - digits == 2 && DateWordLookup.Contains(word[digits..]))))
            {
                hasNumber = true;
            }
            else if (digits > 0 || !DateWordLookup.Contains(word))
            {
                return false;
            }
        }

        return hasNumber;

        // 年, 月, 日 and 号 separate the numbers of a Chinese date.
        static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && c is not ('年' or '月' or '日' or '号');
    }

    /// <summary>Month and weekday names (full and short), ordinal suffixes and the connectors of a written date.</summary>
    private static readonly HashSet<string> DateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "st", "nd", "rd", "th", "of", "the",
    };

    /// <summary><see cref="DateWords"/> looked up by span, without a string per word.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DateWordLookup = DateWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The length of an entry number at the start of a title, with the blanks after it: one to three digits, then
    /// <c>.</c> and at least one space or tab, or <c>、</c> and any spaces (<c>1. Title</c>, <c>12、标题</c>); 0 when there is none.
    /// </summary>
    /// <param name="text">The title, or the source from the title's first character.</param>
    /// <returns>The prefix length.</returns>
    public static int NumberPrefixLength(ReadOnlySpan<char> text)
    {
        var digits = 0;
        while (digits < text.Length && digits < 4 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 3 || digits >= text.Length || text[digits] is not ('.' or '、'))
        {
            return 0;
        }

        var end = digits + 1;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        return text[digits] == '.' && end == digits + 1 ? 0 : end;
    }

    /// <summary>The first inline after the paper link that is not blank, looking outwards through any emphasis around it.</summary>
    private static Inline? StrayAfter(LinkInline link, ParagraphBlock paragraph)
    {
        for (Inline? node = link; node is not null && node != paragraph.Inline; node = node.Parent)
        {
            if (LayoutSupport.FirstNonBlank(node.NextSibling) is { } stray)
            {
                return stray;
            }
        }

        return null;
    }

    /// <summary>The leading link of the paragraph right after block <paramref name="i"/>, if there is one.</summary>
    private static LinkInline? LinkAfter(MarkdownDocument doc, int i)
        => i + 1 < doc.Count && doc[i + 1] is ParagraphBlock p ? PaperLinkOf(p) : null;

    /// <summary>
    /// The paper link of a link paragraph: its leading link, also when emphasis wraps it (<c>**[标题](url)**</c>,
    /// <c>*[标题](url)*</c>).
    /// </summary>
    internal static LinkInline? PaperLinkOf(ParagraphBlock paragraph)
    {
        var c = LayoutSupport.FirstNonBlank(paragraph.Inline?.FirstChild);
        while (c is EmphasisInline emphasis)
        {
            c = LayoutSupport.FirstNonBlank(emphasis.FirstChild);
        }

        return c as LinkInline is { IsImage: false } link ? link : null;
    }

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var level = LevelOf(doc);
        var i = 0;
        while (i < doc.Count && !IsEntryStart(doc, i, level))
        {
            i++;
        }

        context.Preamble = i < doc.Count ? context.SourceMarkdown.CanonicalSource(0, doc[i].Span.Start) : context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        while (i < doc.Count)
        {
            var heading = (HeadingBlock)doc[i];
            i++;
            var start = i;
            while (i < doc.Count && !IsEntryStart(doc, i, level))
            {
                i++;
            }

            ReadEntry(context, heading, doc, start, i, level);
        }
    }

    /// <summary>
    /// Whether block <paramref name="i"/> starts an entry: a heading of the entry level, or a heading of another level
    /// followed by a paragraph that is nothing but an arXiv (or paper-page) link: an entry written at the wrong level, which
    /// would otherwise vanish into the abstract before it or belong to no entry. (<c>validate</c> reports its level.)
    /// </summary>
    private static bool IsEntryStart(MarkdownDocument doc, int i, int level)
    {
        if (doc[i] is not HeadingBlock h)
        {
            return false;
        }

        if (h.Level == level)
        {
            return true;
        }

        return LinkAfter(doc, i) is { } link && StrayAfter(link, (ParagraphBlock)doc[i + 1]) is null
            && PaperUrl.TryParseArxiv(link.Url ?? "", out _) is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage;
    }

    private static void ReadEntry(DigestReadContext context, HeadingBlock heading, MarkdownDocument doc, int start, int end, int level)
    {
        var title = MarkdownText.TitleText(heading.Inline);
        var titleSpan = heading.Inline?.FirstChild is { } first && heading.Inline.LastChild is { } last
            ? context.Span(first, last)
            : context.Span(heading);

        // '## 1. Title': the number written before the title (literally, not escaped) is not part of it.
        if (heading.Inline?.FirstChild is LiteralInline { Span.Start: >= 0 } lead
            && NumberPrefixLength(context.Text.AsSpan(lead.Span.Start, Math.Min(16, context.Text.Length - lead.Span.Start))) is > 0 and var sourcePrefix
            && NumberPrefixLength(title) is > 0 and var titlePrefix && titlePrefix < title.Length)
        {
            context.Report(DiagnosticIds.NumberedTitle, DiagnosticSeverity.Info,
                $"The entry number '{title[..titlePrefix].TrimEnd()}' before the title is not part of it.", context.Span(lead.Span.Start, lead.Span.Start + sourcePrefix));
            title = title[titlePrefix..];
            titleSpan = context.Span(lead.Span.Start + sourcePrefix, titleSpan.EndOffset);
        }
        var translated = "";
        var url = "";
        ArxivId? arxivId = null;
        var linkSpan = titleSpan;
        var abstractStart = start;

        if (start < end && doc[start] is ParagraphBlock para && PaperLinkOf(para) is { } link)
        {
            abstractStart++;
            translated = MarkdownText.TitleText(link);
            url = link.Url ?? "";
            linkSpan = context.Span(link);
            var kind = PaperUrl.TryParseArxiv(url, out var id);
            if (kind is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage)
            {
                arxivId = id;
            }
            else if (url.Length == 0)
            {
                context.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Error, $"The paper link of '{MarkdownText.Shorten(title)}' has an empty target.", linkSpan);
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
                context.Report(DiagnosticIds.EmptyTranslatedTitle, DiagnosticSeverity.Warning, $"The paper link of '{MarkdownText.Shorten(title)}' has no text (translated title).", linkSpan, arxivId?.Value);
            }

            // Anything else in the link paragraph (inside the emphasis around the link, or after it) belongs to no field.
            if (StrayAfter(link, para) is { } c)
            {
                var strayStart = c.Span.Start;
                while (strayStart < para.Span.End && char.IsWhiteSpace(context.Text[strayStart]))
                {
                    strayStart++;
                }

                var straySpan = context.Span(strayStart, para.Span.End + 1);
                context.Report(DiagnosticIds.StrayContent, DiagnosticSeverity.Warning,
                    $"Text after the paper link is not part of any field: '{MarkdownText.Shorten(context.Text[straySpan.StartOffset..straySpan.EndOffset].ReplaceLineEndings(" "))}'.", straySpan, arxivId?.Value);
            }
        }
        else
        {
            context.Report(DiagnosticIds.MissingPaperLink, DiagnosticSeverity.Error,
                $"Entry '{MarkdownText.Shorten(title)}' has no '[translated title](arXiv URL)' paragraph after its heading.", titleSpan.Length > 0 ? titleSpan : context.Span(heading));
        }

        if (title.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyTitle, DiagnosticSeverity.Error, "An entry heading has no title.", context.Span(heading), arxivId?.Value);
        }

        var abstractBlocks = new List<Block>();
        for (var k = abstractStart; k < end; k++)
        {
            var b = doc[k];
            if (b is HeadingBlock section && section.Level < level)
            {
                // A section heading above the entries' level (a date, a topic) belongs to no entry.
                context.Report(DiagnosticIds.StrayContent, DiagnosticSeverity.Warning,
                    $"Level-{section.Level} heading '{MarkdownText.Shorten(MarkdownText.TitleText(section.Inline))}' between entries is not part of any entry.", context.Span(section), arxivId?.Value);
                continue;
            }

            if (b is ThematicBreakBlock or LinkReferenceDefinitionGroup)
            {
                continue;
            }

            abstractBlocks.Add(b);
        }

        var (abstractText, abstractMarkdown) = context.SourceMarkdown.BlocksTextAndMarkdown(abstractBlocks);
        if (abstractText.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyAbstract, DiagnosticSeverity.Warning, $"Entry '{MarkdownText.Shorten(title)}' has no abstract.", titleSpan, arxivId?.Value);
        }

        // The entry ends with its last block; section headings after it (reported above) belong to no entry.
        var stop = end;
        while (stop > start && doc[stop - 1] is HeadingBlock trailing && trailing.Level < level)
        {
            stop--;
        }

        var lastBlock = stop > start ? doc[stop - 1] : heading;
        context.AddEntry(new DigestEntry
        {
            Title = title,
            TranslatedTitle = translated,
            ArxivId = arxivId,
            Url = url,
            Abstract = abstractText,
            AbstractMarkdown = abstractMarkdown,
            Links = MarkdownLinks.Collect(context, abstractBlocks, arxivId?.Value),
            Span = context.Span(heading, lastBlock),
            TitleSpan = titleSpan,
            LinkSpan = linkSpan,
        });
    }
}
