using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// Reads any layout described by a <see cref="LayoutSpec"/>: entries start at a heading or bold line matching the spec, and
/// their fields come from the heading, from labelled lines and from the blocks up to the next entry.
/// </summary>
internal sealed class SpecLayout : IDigestLayout, IDetectionBound
{
    private const int SignalWindow = 300;
    private const int LabelWindow = 160;
    /// <summary>
    /// The label patterns, compiled on the first entry this layout reads: they run on every line of every entry, so they
    /// are worth compiling, but only for the layout a file actually uses (compiling all of them cost start-up time).
    /// </summary>
    private readonly Lazy<List<(FieldSpec Field, Regex Pattern)>> _fieldPatterns;
    private readonly bool _readsHtmlFields;

    /// <summary>Creates a layout from its description.</summary>
    /// <param name="spec">The description.</param>
    public SpecLayout(LayoutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _fieldPatterns = new Lazy<List<(FieldSpec Field, Regex Pattern)>>(() => spec.Fields
            .Select(f => (f, new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{f.Label})\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled)))
            .ToList());
        _readsHtmlFields = spec.Fields.Any(f => f.Kind is FieldKind.Abstract or FieldKind.TranslatedTitle);
    }

    /// <summary>The description this layout reads.</summary>
    public LayoutSpec Spec { get; }

    /// <inheritdoc />
    public string Name => Spec.Name;

    /// <inheritdoc />
    public string Description => Spec.Description;

    /// <inheritdoc />
    public double Detect(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var score = 0.0;
        var open = false;
        var signalled = false;
        for (var i = 0; i < doc.Count; i++)
        {
            var b = doc[i];
            if (IsStart(context, b))
            {
                score += 0.1;
                open = true;
                signalled = false;
                continue;
            }

            if (!open || signalled)
            {
                continue;
            }

            if (IsEnd(b))
            {
                open = false;
                continue;
            }

            var start = Math.Clamp(b.Span.Start, 0, context.Text.Length);
            var len = Math.Clamp(b.Span.End + 1 - start, 0, Math.Min(SignalWindow, context.Text.Length - start));
            if (Spec.Signal.IsMatch(context.Text.AsSpan(start, len)))
            {
                score += 1;
                signalled = true;
            }
        }

        return score;
    }

    /// <summary>Each entry start scores 0.1, and at most 1 more for its signal; starts are headings of the level, or bold lines.</summary>
    double IDetectionBound.MaxScore(DocumentShape shape)
        => DocumentShape.Bound(1.1 * (Spec.Start == EntryStart.Heading ? shape.Headings(Spec.HeadingLevel) : shape.SoleStrongParagraphs));

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var doc = context.Markdown;
        var i = 0;
        while (i < doc.Count && !IsStart(context, doc[i]))
        {
            i++;
        }

        context.Preamble = i < doc.Count ? context.SourceMarkdown.CanonicalSource(0, doc[i].Span.Start) : context.SourceMarkdown.CanonicalSource(0, context.Text.Length);
        while (i < doc.Count)
        {
            var start = (LeafBlock)doc[i];
            i++;
            var body = new List<Block>();
            while (i < doc.Count && !IsStart(context, doc[i]) && !IsEnd(doc[i]))
            {
                body.Add(doc[i]);
                i++;
            }

            ReadEntry(context, start, body);
            while (i < doc.Count && !IsStart(context, doc[i]))
            {
                i++;
            }
        }
    }

    private bool IsStart(DigestReadContext context, Block b)
    {
        if (Spec.Start == EntryStart.Heading)
        {
            return b is HeadingBlock h && h.Level == Spec.HeadingLevel && (!Spec.TitleLinkIsPaper || LayoutSupport.FirstLink(h.Inline) is not null)
                && Spec.TitlePattern.IsMatch(context.SourceMarkdown.CachedTitleText(h.Inline));
        }

        return b is ParagraphBlock p && LayoutSupport.SoleStrong(p) is { } strong && Spec.TitlePattern.IsMatch(context.SourceMarkdown.CachedTitleText(strong))
            && !LayoutSupport.SourceContains(context, p, "\n");
    }

    private bool IsEnd(Block b) => b is HeadingBlock h && (Spec.Start == EntryStart.BoldLine || h.Level <= Spec.HeadingLevel);

    private void ReadEntry(DigestReadContext context, LeafBlock start, List<Block> body)
    {
        var title = "";
        var translated = "";
        DigestLink? paper = null;
        var titleSpan = context.Span(start);
        var links = new List<DigestLink>();
        ContainerInline? titleInline = start is HeadingBlock ? start.Inline : LayoutSupport.SoleStrong(start);
        if (titleInline?.FirstChild is { } f && titleInline.LastChild is { } l)
        {
            titleSpan = context.Span(f, l);
        }

        var headingLink = Spec.TitleLinkIsPaper ? LayoutSupport.FirstLink(titleInline) : null;
        if (headingLink is not null)
        {
            title = MarkdownText.TitleText(headingLink);
            titleSpan = context.Span(headingLink);
            var url = headingLink.Url ?? "";
            if (url.Length == 0)
            {
                context.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Warning, $"The title link '{MarkdownText.Shorten(title)}' has an empty target.", context.Span(headingLink));
            }
            else
            {
                paper = MarkdownLinks.MakeLink(url, url, title, context.Span(headingLink));
                links.Add(paper);
            }
        }
        else
        {
            var m = Spec.TitlePattern.Match(context.SourceMarkdown.CachedTitleText(titleInline));
            title = m.Groups["en"].Success ? m.Groups["en"].Value.Trim() : "";
            translated = m.Groups["zh"].Success ? m.Groups["zh"].Value.Trim() : "";
        }

        links.AddRange(MarkdownLinks.Collect(context, LayoutSupport.ForLinks(context, body)));

        // Labelled fields.
        var fieldBlocks = new HashSet<Block>();
        int? abstractTop = null;
        var abstractLead = "";
        var abstractLeadOffset = -1;
        var paperFromField = false;
        var paperFieldEmpty = false;
        for (var t = 0; t < body.Count; t++)
        {
            if (body[t] is HtmlBlock html)
            {
                if (!_readsHtmlFields || !LayoutSupport.HtmlHasText(context, html))
                {
                    continue;
                }

                var outside = LayoutSupport.TextOutsideTags(context, html);
                if (!_fieldPatterns.Value.Any(f => f.Field.Kind is FieldKind.Abstract or FieldKind.TranslatedTitle && MatchLabel(f.Pattern, outside).Success))
                {
                    continue;
                }

                // A labelled line can sit inside an HTML block ('<details>' followed by 'Abstract: …' without a blank line).
                var htmlText = HtmlText.ToText(context.SourceOf(html));
                foreach (var (field, pattern) in _fieldPatterns.Value)
                {
                    if (LayoutSupport.MatchLabel(pattern, htmlText, 0, htmlText.Length) is { Success: true } hm)
                    {
                        var value = htmlText[(hm.Index + hm.Length)..].Trim();
                        if (field.Kind == FieldKind.Abstract && abstractTop is null)
                        {
                            abstractTop = t;
                            abstractLead = value;
                            abstractLeadOffset = -1;
                        }
                        else if (field.Kind == FieldKind.TranslatedTitle && value.Length > 0)
                        {
                            translated = HtmlText.CollapseWhitespace(value);
                        }
                    }
                }

                continue;
            }

            foreach (var leaf in LayoutSupport.Leaves(body[t]))
            {
                if (leaf is HeadingBlock)
                {
                    continue;
                }

                FlatText? flat = null;
                foreach (var (field, pattern) in _fieldPatterns.Value)
                {
                    flat ??= FlatText.Of(leaf);

                    // Labels open a line or follow a separator near its start: only the head of each line is searched.
                    var m = MatchLabel(pattern, flat.Text);
                    if (!m.Success)
                    {
                        continue;
                    }

                    fieldBlocks.Add(body[t]);
                    var afterFlat = m.Index + m.Length;
                    var afterSource = flat.SourceOffset(afterFlat);
                    var rest = RestOfField(flat.Text, afterFlat);
                    switch (field.Kind)
                    {
                        case FieldKind.Title or FieldKind.TranslatedTitle:
                            var value = HtmlText.CollapseWhitespace(rest);
                            if (rest.Trim().Contains('\n', StringComparison.Ordinal))
                            {
                                context.Report(DiagnosticIds.TitleWrapped, DiagnosticSeverity.Info,
                                    $"The title '{MarkdownText.Shorten(value)}' is wrapped over several lines.", context.Span(leaf));
                            }

                            if (field.Kind == FieldKind.Title && value.Length > 0)
                            {
                                title = value;
                                titleSpan = context.Span(afterSource, flat.SourceEnd);
                            }
                            else if (value.Length > 0)
                            {
                                translated = value;
                            }

                            break;
                        case FieldKind.PaperLink or FieldKind.CodeLink:
                            var link = links.FirstOrDefault(x => x.Span.StartOffset >= afterSource && x.Span.StartOffset < flat.SourceEnd);
                            if (link is null)
                            {
                                if (field.Kind == FieldKind.PaperLink)
                                {
                                    paperFieldEmpty = true;
                                }

                                // An empty link is reported as such (PD0014); a label with nothing after it is a placeholder.
                                if (rest.Trim().Length == 0 && !LayoutSupport.SourceContains(context, leaf, "]()"))
                                {
                                    context.Report(DiagnosticIds.TemplatePlaceholder, DiagnosticSeverity.Warning,
                                        $"The field '{m.Value.TrimEnd(':', '：')}' is empty (an unfilled template placeholder).", context.Span(leaf));
                                }
                                else if (field.Kind == FieldKind.PaperLink && rest.Trim().Length > 0 && !LayoutSupport.SourceContains(context, leaf, "]()"))
                                {
                                    // A label followed by text that is no link ('暂无', 'arxiv.org/abs/…' cut short): the paper link is lost.
                                    context.Report(DiagnosticIds.MalformedLink, DiagnosticSeverity.Error,
                                        $"The field '{m.Value.Trim().TrimEnd(':', '：').Trim('*').Trim()}' holds '{MarkdownText.Shorten(rest.Trim())}', which is no link: the entry has no paper link.", context.Span(leaf));
                                }
                            }
                            else if (field.Kind == FieldKind.PaperLink && !paperFromField)
                            {
                                paper = link;
                                paperFromField = true;
                            }
                            else if (field.Kind == FieldKind.CodeLink)
                            {
                                LayoutSupport.ReportCodeLink(context, link, null);
                            }

                            break;
                        case FieldKind.Abstract when abstractTop is null:
                            abstractTop = t;
                            abstractLead = rest.Trim();
                            abstractLeadOffset = afterSource;
                            break;
                    }
                }
            }
        }

        paper ??= LayoutSupport.FirstPaperLink(links);
        ArxivId? arxivId = paper?.ArxivId;

        // Translated title from a quoted emphasis line.
        var skip = new HashSet<Block>(fieldBlocks);
        if (Spec.QuotedEmphasisIsTranslatedTitle)
        {
            foreach (var b in body)
            {
                if (b is QuoteBlock { Count: 1 } q && q[0] is ParagraphBlock qp && qp.Inline?.FirstChild is EmphasisInline em && em.NextSibling is null)
                {
                    translated = MarkdownText.TitleText(em);
                    skip.Add(b);
                    break;
                }
            }
        }

        // The paragraph that is only the paper link is no part of the abstract.
        foreach (var b in body)
        {
            if (paper is not null && b is ParagraphBlock p && LayoutSupport.FirstLink(p.Inline) is { } only && only.Span.Start == paper.Span.StartOffset
                && MarkdownText.TitleText(p.Inline) == MarkdownText.TitleText(only))
            {
                skip.Add(b);
            }
        }

        var (abstractText, abstractMarkdown) = ReadAbstract(context, body, skip, abstractTop, abstractLead, abstractLeadOffset);

        if (title.Length == 0 && Spec.HasTitle)
        {
            context.Report(DiagnosticIds.EmptyTitle, DiagnosticSeverity.Error, "An entry has no English title.", titleSpan, arxivId?.Value);
        }

        if (paper is null && !paperFieldEmpty)
        {
            context.Report(DiagnosticIds.MissingPaperLink, DiagnosticSeverity.Warning,
                $"Entry '{MarkdownText.Shorten(title.Length > 0 ? title : translated)}' has no paper link.", titleSpan, arxivId?.Value);
        }
        else if (paper is not null && arxivId is null && PaperUrl.TryParseArxiv(paper.Url, out _) == PaperUrlKind.Malformed)
        {
            context.Report(DiagnosticIds.MalformedArxivId, DiagnosticSeverity.Error, $"'{paper.Url}' is an arXiv link with a malformed identifier.", paper.Span);
        }

        if (abstractText.Length == 0 && Spec.HasAbstract)
        {
            context.Report(DiagnosticIds.EmptyAbstract, DiagnosticSeverity.Warning, $"Entry '{MarkdownText.Shorten(title.Length > 0 ? title : translated)}' has no abstract.", titleSpan, arxivId?.Value);
        }

        var last = body.Count > 0 ? body[^1] : start;
        LayoutSupport.ReportZeroWidth(context, start.Span.Start, last.Span.End + 1, arxivId?.Value);
        foreach (var b in body)
        {
            foreach (var leaf in LayoutSupport.Leaves(b))
            {
                LayoutSupport.ReportBadgeLinks(context, leaf.Inline, arxivId?.Value);
            }
        }

        context.AddEntry(new DigestEntry
        {
            Title = title,
            TranslatedTitle = translated,
            ArxivId = arxivId,
            Url = paper is null ? "" : LayoutSupport.EntryUrl(paper),
            Abstract = abstractText,
            AbstractMarkdown = abstractMarkdown,
            Links = links,
            Span = context.Span(start, last),
            TitleSpan = titleSpan,
            LinkSpan = paper?.Span ?? titleSpan,
        });
    }

    private (string Text, string Markdown) ReadAbstract(DigestReadContext context, List<Block> body, HashSet<Block> skip, int? abstractTop, string lead, int leadOffset)
    {
        var blocks = new List<Block>();
        if (abstractTop is { } top)
        {
            // The text after the label, then the blocks after it up to the next labelled block, HTML block or rule.
            for (var k = top + 1; k < body.Count; k++)
            {
                var b = body[k];
                if (skip.Contains(b) || b is HtmlBlock || b is ThematicBreakBlock || b is HeadingBlock)
                {
                    break;
                }

                blocks.Add(b);
            }

            var text = BuildText(lead, MarkdownText.BlocksText(blocks));
            var mdEnd = blocks.Count > 0 ? blocks[^1].Span.End + 1 : body[top].Span.End + 1;
            var md = lead.Length == 0 ? context.SourceMarkdown.BlocksMarkdown(blocks)
                : leadOffset >= 0 ? context.SourceMarkdown.CanonicalSource(leadOffset, mdEnd).TrimStart()
                : BuildText(lead, context.SourceMarkdown.BlocksMarkdown(blocks));
            return (text, md);
        }

        if (Spec.AbstractInDetails)
        {
            var inside = false;
            foreach (var b in body)
            {
                if (b is HtmlBlock && LayoutSupport.SourceContains(context, b, "<details"))
                {
                    inside = !LayoutSupport.SourceContains(context, b, "</details");
                    continue;
                }

                if (inside && b is HtmlBlock && LayoutSupport.SourceContains(context, b, "</details"))
                {
                    break;
                }

                if (inside && !skip.Contains(b))
                {
                    blocks.Add(b);
                }
            }
        }
        else if (Spec.AbstractIsRest)
        {
            foreach (var b in body)
            {
                if (!skip.Contains(b) && b is not ThematicBreakBlock and not LinkReferenceDefinitionGroup)
                {
                    blocks.Add(b);
                }
            }
        }

        blocks = LayoutSupport.ForText(context, blocks);
        return context.SourceMarkdown.BlocksTextAndMarkdown(blocks);
    }

    private static string BuildText(string lead, string rest)
    {
        if (lead.Length == 0)
        {
            return rest;
        }

        var sb = new StringBuilder();
        foreach (var line in lead.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length > 0)
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                sb.Append(t);
            }
        }

        if (rest.Length > 0)
        {
            sb.Append("\n\n").Append(rest);
        }

        return sb.ToString();
    }

    private static Match MatchLabel(Regex pattern, string text)
    {
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            if (end < 0)
            {
                end = text.Length;
            }

            var m = LayoutSupport.MatchLabel(pattern, text, lineStart, Math.Min(end - lineStart, LabelWindow));
            if (m.Success)
            {
                return m;
            }

            lineStart = end + 1;
        }

        return Match.Empty;
    }

    private string RestOfField(string flat, int from)
    {
        // A field ends at a " | " separator (several fields on one line), at a later line that opens with another label
        // (several labelled lines in one paragraph), or at the end of the paragraph; other lines are the field wrapped.
        var rest = flat[from..];
        var bar = rest.IndexOf(" | ", StringComparison.Ordinal);
        if (bar >= 0)
        {
            rest = rest[..bar];
        }

        for (var nl = rest.IndexOf('\n', StringComparison.Ordinal); nl >= 0; nl = rest.IndexOf('\n', nl + 1))
        {
            var lineEnd = rest.IndexOf('\n', nl + 1);
            var length = Math.Min((lineEnd < 0 ? rest.Length : lineEnd) - (nl + 1), LabelWindow);
            foreach (var (_, pattern) in _fieldPatterns.Value)
            {
                // Only a label that opens the line (after bullets, emoji or markers) ends the field: 'Code:' inside a
                // wrapped title does not.
                if (LayoutSupport.MatchLabel(pattern, rest, nl + 1, length) is { Success: true } m
                    && OnlyMarkers(rest.AsSpan(nl + 1, m.Index - (nl + 1))))
                {
                    return rest[..nl];
                }
            }
        }

        return rest;
    }

    /// <summary>Whether text before a label is only spaces, bullets, markers or emoji (no letter or digit).</summary>
    private static bool OnlyMarkers(ReadOnlySpan<char> head)
    {
        foreach (var c in head)
        {
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The span of a block for diagnostics.</summary>
    internal static SourceSpan SpanOf(DigestReadContext context, Block b) => context.Span(b);
}
