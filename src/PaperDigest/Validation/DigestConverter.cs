using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Parsing.Layouts;
using PaperDigest.Writing;

namespace PaperDigest.Validation;

/// <summary>Source content that a conversion to the canonical layout does not carry over.</summary>
/// <param name="Line">The 1-based line it is on.</param>
/// <param name="Text">Its text, markup flattened.</param>
public sealed record DroppedContent(int Line, string Text);

/// <summary>
/// Converts a digest read in any layout into the canonical one, working only from the parsed records and the source
/// lines they cover: per entry the title, translated title, paper link and abstract are written by
/// <see cref="DigestWriter"/>; what the entry's source lines hold beyond those fields (authors, categories, dates, TL;DR,
/// code links) is appended to the abstract, after a paragraph <c>Source fields:</c>, as a list with one item per source line
/// (or table cell), markup flattened and links kept; content between entries (section headings, rules, footers) cannot be
/// held by any entry and is reported as <see cref="FormatResult.Dropped"/>. The result is parsed again and must give the same
/// titles, translated titles, paper links, identifiers and links (and keep every abstract), else it is not written. A
/// canonical file that <see cref="DigestFormatter.Format"/> can format is formatted, not converted.
/// </summary>
public static partial class DigestConverter
{
    /// <summary>The paragraph that introduces the fields an entry's source held beyond the canonical ones.</summary>
    public const string SourceFieldsLabel = "Source fields:";

    /// <summary>Converts one file to the canonical layout.</summary>
    /// <param name="source">The file, read in any layout.</param>
    /// <param name="parser">The parser used to check the result (auto-detecting); <see langword="null"/> for the default.</param>
    /// <returns>The result: <see cref="FormatResult.IsFormattable"/> is false when the conversion would lose a title, link or abstract.</returns>
    public static FormatResult ToCanonical(DigestSource source, DigestParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        parser ??= DigestParser.Default;
        var doc = source.Document;
        if (doc.Layout == HeadingLinkLayout.LayoutName && DigestFormatter.Format(source, parser) is { IsFormattable: true } formatted)
        {
            return formatted;
        }

        if (doc.Diagnostics.FirstOrDefault(d => d.Id is DiagnosticIds.InvalidUtf8 or DiagnosticIds.BinaryFile or DiagnosticIds.NestingTooDeep) is { } blocking)
        {
            return NotConvertible(source, $"{blocking.Id} at line {blocking.Span.StartLine} ({blocking.Message}); fix it first");
        }

        if (doc.Entries.Count == 0)
        {
            return NotConvertible(source, "no entries were read from the file, so there is nothing to convert");
        }

        var entries = new List<DigestEntry>(doc.Entries.Count);
        foreach (var entry in doc.Entries)
        {
            entries.Add(Convert(source, entry));
        }

        var dropped = CollectDropped(source);
        var converted = new DigestDocument { Path = doc.Path, Preamble = SafePreamble(doc.Preamble), Entries = entries };
        var text = DigestWriter.Write(converted);
        var again = new DigestParser(parser.Options with { Layout = DigestParserOptions.AutoLayout }).Parse(text, doc.Path);
        if (Difference(doc, again) is { } difference)
        {
            return NotConvertible(source, difference);
        }

        return new FormatResult { IsFormattable = true, Text = text, Changed = !string.Equals(text, source.Text, StringComparison.Ordinal), Dropped = dropped };
    }

    /// <summary>
    /// What a converted document lost compared with the original, or <see langword="null"/>: the layout must be the
    /// canonical one, entries the same in number, title, translated title, paper link and arXiv identifier, every link of the
    /// original must still be there and every abstract's text must be kept.
    /// </summary>
    internal static string? Difference(DigestDocument original, DigestDocument converted)
    {
        if (converted.Layout != HeadingLinkLayout.LayoutName)
        {
            return $"the converted text is read with layout '{converted.Layout}', not '{HeadingLinkLayout.LayoutName}'";
        }

        if (converted.Entries.Count != original.Entries.Count)
        {
            return $"the converted text has {converted.Entries.Count} entries instead of {original.Entries.Count}";
        }

        for (var i = 0; i < original.Entries.Count; i++)
        {
            var a = original.Entries[i];
            var b = converted.Entries[i];
            var what = a.Title != b.Title ? "title"
                : a.TranslatedTitle != b.TranslatedTitle ? "translated title"
                : a.Url != b.Url ? "paper link"
                : a.ArxivId != b.ArxivId ? "arXiv identifier"
                : !Norm(b.Abstract).Contains(Norm(a.Abstract), StringComparison.Ordinal) ? "abstract"
                : a.Links.Select(l => l.Url).Except(b.Links.Select(l => l.Url).Append(b.Url), StringComparer.Ordinal).FirstOrDefault() is { } lost ? $"links (<{lost}> is lost)"
                : null;
            if (what is not null)
            {
                return $"the entry at line {a.Span.StartLine} ('{a.Title}') would change its {what}";
            }
        }

        return null;
    }

    private static DigestEntry Convert(DigestSource source, DigestEntry entry)
    {
        var carried = new List<string>();
        AddPiece(carried, entry.Title);
        AddPiece(carried, entry.TranslatedTitle);
        AddPiece(carried, entry.Url);
        foreach (var link in entry.Links)
        {
            AddPiece(carried, link.Text);
            AddPiece(carried, link.Url);
            AddPiece(carried, link.OriginalUrl);
        }

        AddPiece(carried, entry.Abstract);
        foreach (var line in entry.Abstract.Split('\n'))
        {
            if (Norm(line).Length >= 4)
            {
                AddPiece(carried, line);
            }
        }

        carried.Sort((x, y) => y.Length.CompareTo(x.Length));
        var abstractText = Norm(entry.Abstract);
        var items = new List<string>();
        var keptLinks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, unit) in Units(source, entry.Span.StartOffset, entry.Span.EndOffset))
        {
            var flat = Flatten(unit);
            if (IsCarried(flat.Text, abstractText, carried))
            {
                continue;
            }

            items.Add(flat.Markdown);
            keptLinks.UnionWith(flat.Urls);
        }

        // Links the entry records but that are neither in its abstract, nor its paper link, nor in a kept source line.
        var inAbstract = Flatten(entry.AbstractMarkdown).Urls;
        foreach (var link in entry.Links)
        {
            if (link.Url != entry.Url && !keptLinks.Contains(link.OriginalUrl) && !keptLinks.Contains(link.Url)
                && !inAbstract.Contains(link.OriginalUrl) && !inAbstract.Contains(link.Url))
            {
                var text = link.Text.Length == 0 ? link.Url : link.Text;
                items.Add($"[{DigestWriter.EscapeInline(text)}]({Destination(link.Url)})");
                keptLinks.Add(link.OriginalUrl);
            }
        }

        var abstractMarkdown = DemoteHeadings(entry.AbstractMarkdown).Trim('\n');
        if (items.Count > 0)
        {
            var sb = new StringBuilder(abstractMarkdown);
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }

            sb.Append(SourceFieldsLabel).Append("\n\n");
            sb.AppendJoin('\n', items.Select(i => "- " + i));
            abstractMarkdown = sb.ToString();
        }

        return entry with { AbstractMarkdown = abstractMarkdown };
    }

    private static void AddPiece(List<string> pieces, string text)
    {
        var n = Norm(text);
        if (n.Length > 0)
        {
            pieces.Add(n);
        }
    }

    /// <summary>
    /// Whether a source line's text is already held by the entry's fields: it is part of the abstract, or nothing but an
    /// entry number (three digits at most) and punctuation is left once the titles, links and a leading label
    /// (<c>Abstract:</c>, <c>摘要：</c>) are taken out.
    /// </summary>
    private static bool IsCarried(string text, string abstractText, List<string> carried)
    {
        var n = Norm(text);
        if (n.Length == 0 || abstractText.Contains(n, StringComparison.Ordinal) || IsRemainderEmpty(n, carried))
        {
            return true;
        }

        var unlabelled = Norm(WithoutLabel(text));
        return unlabelled.Length == 0 || abstractText.Contains(unlabelled, StringComparison.Ordinal) || IsRemainderEmpty(unlabelled, carried);
    }

    private static bool IsRemainderEmpty(string norm, List<string> carried)
    {
        foreach (var piece in carried)
        {
            norm = norm.Replace(piece, "", StringComparison.Ordinal);
        }

        return norm.Length == 0 || (norm.Length <= 3 && norm.All(char.IsAsciiDigit));
    }

    private static string WithoutLabel(string text)
    {
        var t = text.TrimStart();
        var colon = t.IndexOfAny([':', '：']);
        return colon is > 0 and <= 24 && !t.AsSpan(0, colon).Contains("//", StringComparison.Ordinal) && !t.AsSpan(0, colon).EndsWith("http", StringComparison.OrdinalIgnoreCase)
            ? t[(colon + 1)..]
            : t;
    }

    /// <summary>Letters and digits only, lower case: what two renderings of the same text have in common.</summary>
    internal static string Norm(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Content between entries and after the last one: each line (or table cell) with text on a line that no entry's span
    /// touches is reported. The preamble, before the first entry, is kept and not reported.
    /// </summary>
    private static List<DroppedContent> CollectDropped(DigestSource source)
    {
        var dropped = new List<DroppedContent>();
        if (source.Text.Length == 0)
        {
            return dropped;
        }

        var covered = new bool[source.LineCount + 1];
        var first = int.MaxValue;
        foreach (var entry in source.Document.Entries)
        {
            var from = source.LineOf(Math.Min(entry.Span.StartOffset, source.Text.Length - 1));
            var to = source.LineOf(Math.Clamp(entry.Span.EndOffset - 1, entry.Span.StartOffset, source.Text.Length - 1));
            first = Math.Min(first, from);
            for (var line = from; line <= to && line < covered.Length; line++)
            {
                covered[line] = true;
            }
        }

        for (var line = first; line < source.LineCount; line++)
        {
            if (covered[line])
            {
                continue;
            }

            foreach (var (number, unit) in Units(source, source.LineStart(line), source.LineEnd(line)))
            {
                var flat = Flatten(unit);
                if (Norm(flat.Text).Length > 0)
                {
                    dropped.Add(new DroppedContent(number, flat.Text));
                }
            }
        }

        return dropped;
    }

    /// <summary>
    /// The source lines from <paramref name="start"/> to <paramref name="end"/> (whole lines), a table row split into its
    /// cells, with their 1-based line numbers; blank lines, table delimiter rows and fenced code markers are skipped.
    /// </summary>
    private static IEnumerable<(int Line, string Text)> Units(DigestSource source, int start, int end)
    {
        if (end <= start || source.Text.Length == 0)
        {
            yield break;
        }

        var first = source.LineOf(Math.Min(start, source.Text.Length - 1));
        var last = source.LineOf(Math.Min(Math.Max(end - 1, start), source.Text.Length - 1));
        for (var line = first; line <= last; line++)
        {
            var text = source.Text[source.LineStart(line)..source.LineEnd(line)];
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed[0] == '|' || (trimmed.Contains(" | ", StringComparison.Ordinal) && trimmed.EndsWith('|')))
            {
                foreach (var cell in TableCell().Split(trimmed.Trim('|')))
                {
                    yield return (line + 1, cell);
                }

                continue;
            }

            yield return (line + 1, text);
        }
    }

    private sealed record Flat(string Text, string Markdown, HashSet<string> Urls);

    /// <summary>
    /// One source line as plain text (for comparison) and as one line of canonical Markdown (for the abstract): HTML tags
    /// and disclosure labels (<c>&lt;summary&gt;</c>) removed, block markers and emphasis dropped, images dropped, links kept.
    /// </summary>
    private static Flat Flatten(string markdown)
    {
        // Tags that break a line or a block become a space; inline tags (<font>, <span>, <b>) go without a trace, so that
        // '**<font>作者：</font>**' is still emphasis around the label.
        var stripped = WebUtility.HtmlDecode(HtmlTag().Replace(Summary().Replace(markdown, " "), m => BreakingTag().IsMatch(m.Value) ? " " : ""));
        var doc = Markdown.Parse(stripped);
        var text = new StringBuilder();
        var md = new StringBuilder();
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in doc.Descendants<LeafBlock>())
        {
            if (block.Inline is { } inline)
            {
                Walk(inline, text, md, urls);
            }
            else if (block.Lines.Count > 0)
            {
                var code = block.Lines.ToString();
                text.Append(' ').Append(code);
                md.Append(' ').Append(DigestWriter.EscapeInline(code.ReplaceLineEndings(" ")));
            }
        }

        var plain = Whitespace().Replace(text.ToString(), " ").Trim();
        var mdText = Whitespace().Replace(md.ToString(), " ").Trim();
        return new Flat(plain, EscapeLineStart(mdText), urls);
    }

    private static void Walk(ContainerInline container, StringBuilder text, StringBuilder md, HashSet<string> urls)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LinkInline { IsImage: true }:
                    break;
                case LinkInline link:
                {
                    var innerText = new StringBuilder();
                    var innerMd = new StringBuilder();
                    Walk(link, innerText, innerMd, urls);
                    var url = link.Url ?? "";
                    if (url.Length == 0)
                    {
                        text.Append(innerText);
                        md.Append(innerMd);
                        break;
                    }

                    var label = Whitespace().Replace(innerMd.ToString(), " ").Trim();
                    text.Append(innerText);
                    md.Append('[').Append(label.Length == 0 ? DigestWriter.EscapeInline(url) : label).Append("](").Append(Destination(url)).Append(')');
                    urls.Add(url);
                    break;
                }

                case AutolinkInline auto:
                    text.Append(auto.Url);
                    md.Append('<').Append(auto.IsEmail ? "mailto:" + auto.Url : auto.Url).Append('>');
                    urls.Add(auto.Url);
                    break;
                case ContainerInline inner:
                    Walk(inner, text, md, urls);
                    break;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    md.Append(DigestWriter.EscapeInline(literal.Content.ToString()));
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    md.Append(DigestWriter.EscapeInline(code.Content));
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    md.Append(DigestWriter.EscapeInline(entity.Transcoded.ToString()));
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    md.Append(' ');
                    break;
            }
        }
    }

    /// <summary>A list item's text that would start a block (<c>-</c>, <c>+</c>, <c>1.</c>, <c>=</c>) gets that start escaped.</summary>
    private static string EscapeLineStart(string md)
    {
        if (md.Length == 0)
        {
            return md;
        }

        if (md[0] is '-' or '+' or '=' or '"' or '\'')
        {
            return "\\" + md;
        }

        var digits = 0;
        while (digits < md.Length && char.IsAsciiDigit(md[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < md.Length && md[digits] == '.' ? md.Insert(digits, "\\") : md;
    }

    private static string Destination(string url)
        => url.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' || char.IsControl(c))
            ? "<" + url.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("<", "\\<", StringComparison.Ordinal).Replace(">", "\\>", StringComparison.Ordinal).ReplaceLineEndings(" ") + ">"
            : url.Replace("\\", "\\\\", StringComparison.Ordinal);

    /// <summary>
    /// ATX headings of level one or two inside an abstract would start entries in the canonical layout: they become level
    /// three, which the canonical layout keeps in the abstract. Fenced code is left alone.
    /// </summary>
    private static string DemoteHeadings(string markdown)
    {
        if (!markdown.Contains('#', StringComparison.Ordinal))
        {
            return markdown;
        }

        var lines = markdown.Split('\n');
        var fence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart();
            if (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = !fence;
            }
            else if (!fence && lines[i].Length - t.Length < 4 && AtxHeading().Match(t) is { Success: true } m && m.Groups[1].Length <= 2)
            {
                lines[i] = "###" + t[m.Groups[1].Length..];
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Headings of level two and deeper in the preamble would be read as entries: ATX headings become level one, and a
    /// <c>---</c> line under a paragraph (which makes it a level-two heading, as the closing line of YAML front matter does)
    /// gets a blank line before it, which makes it a thematic break.
    /// </summary>
    private static string SafePreamble(string preamble)
    {
        if (!preamble.Contains('#', StringComparison.Ordinal) && !preamble.Contains('-', StringComparison.Ordinal))
        {
            return preamble;
        }

        var lines = preamble.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sb = new StringBuilder(preamble.Length + 8);
        for (var i = 0; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart();
            if (lines[i].Length - t.Length < 4 && AtxHeading().Match(t) is { Success: true } m && m.Groups[1].Length >= 2)
            {
                lines[i] = "#" + t[m.Groups[1].Length..];
            }
            else if (i > 0 && lines[i - 1].Trim().Length > 0 && SetextUnderline().IsMatch(lines[i]))
            {
                sb.Append('\n');
            }

            sb.Append(lines[i]);
            if (i < lines.Length - 1)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static FormatResult NotConvertible(DigestSource source, string reason)
        => new() { IsFormattable = false, Reason = reason, Text = source.Text };

    [GeneratedRegex(@"^(#{1,6})(?:[ \t]|$)")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"<summary\b[^>]*>.*?</summary\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^</?(?:br|p|div|td|th|tr|li|ul|ol|table|details|blockquote|h[1-6]|hr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BreakingTag();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex TableCell();

    [GeneratedRegex(@"^ {0,3}-+[ \t]*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
