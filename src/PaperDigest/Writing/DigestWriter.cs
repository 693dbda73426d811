using System.Text;
using PaperDigest.Model;

namespace PaperDigest.Writing;

/// <summary>
/// Writes records back as canonical Markdown in the reference layout: the preamble, then per entry
/// <c>## title</c>, <c>[translated title](url)</c>, a blank line and the abstract; one blank line between blocks, no
/// trailing spaces, one newline at the end. Parsing what it writes gives entries with equal content.
/// </summary>
public static class DigestWriter
{
    /// <summary>Writes a document as canonical Markdown.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The Markdown text.</returns>
    public static string Write(DigestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        using var writer = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(document, writer);
        return sb.ToString();
    }

    /// <summary>Writes a document as canonical Markdown to a writer.</summary>
    /// <param name="document">The document.</param>
    /// <param name="writer">Where to write.</param>
    public static void Write(DigestDocument document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        var first = true;
        // A U+FEFF at the very start of the text is read back as a byte-order mark: a preamble that starts with one
        // gets a byte-order mark written before it, so that its own U+FEFF survives.
        var preamble = TrimLines(document.Preamble);
        if (!string.IsNullOrWhiteSpace(preamble))
        {
            if (preamble[0] == '\uFEFF')
            {
                writer.Write('\uFEFF');
            }

            writer.Write(preamble);
            writer.Write('\n');
            first = false;
        }

        foreach (var entry in document.Entries)
        {
            if (!first)
            {
                writer.Write('\n');
            }

            first = false;
            WriteEntry(entry, writer);
        }
    }

    /// <summary>Writes one entry (heading, link line, abstract), ending with a newline.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteEntry(DigestEntry entry, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(entry.Title.Length == 0 ? "##" : "## " + EscapeTitle(entry.Title));
        writer.Write('\n');
        if (entry.TranslatedTitle.Length > 0 || entry.Url.Length > 0)
        {
            writer.Write('[');
            writer.Write(EscapeInline(entry.TranslatedTitle));
            writer.Write("](");
            writer.Write(LinkDestination(entry.Url));
            writer.Write(")\n");
        }

        var md = MarkdownNewlines(entry.AbstractMarkdown).Trim('\n');
        if (md.Length > 0)
        {
            writer.Write('\n');
            writer.Write(md);
            writer.Write('\n');
        }
    }

    /// <summary>
    /// <see cref="EscapeInline"/> for a heading: a title that starts like an entry number (<c>1. </c>, <c>1、</c>) has that
    /// start escaped, so the parser does not read it off (<c>1\. </c>; <c>&amp;#49;、</c>, as <c>、</c> cannot be escaped).
    /// </summary>
    private static string EscapeTitle(string title)
    {
        var escaped = EscapeInline(title);
        if (Parsing.Layouts.HeadingLinkLayout.NumberPrefixLength(title) == 0)
        {
            return escaped;
        }

        var digits = 0;
        while (char.IsAsciiDigit(escaped[digits]))
        {
            digits++;
        }

        return escaped[digits] == '.'
            ? string.Concat(escaped.AsSpan(0, digits), "\\", escaped.AsSpan(digits))
            : string.Concat("&#", ((int)escaped[0]).ToString(System.Globalization.CultureInfo.InvariantCulture), ";", escaped.AsSpan(1));
    }

    /// <summary>
    /// Escapes plain text so that Markdown reads it back as the same text on one line: backslash-escapes the characters
    /// that inline Markdown gives a meaning to.
    /// </summary>
    /// <param name="text">The plain text.</param>
    /// <returns>The Markdown.</returns>
    public static string EscapeInline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '!' or '#' or '|' or '~' or '(' or ')')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Escapes plain text (which may hold several lines and blank-line-separated paragraphs) as Markdown that reads back as the
    /// same plain text; a line that would start a block construct (<c>#</c>, <c>-</c>, <c>1.</c>, <c>&gt;</c>…) is escaped too.
    /// Lines are trimmed, as the parser trims them.
    /// </summary>
    /// <param name="text">The plain text.</param>
    /// <returns>The Markdown.</returns>
    public static string EscapeBlockText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 16);
        var lines = MarkdownNewlines(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            var line = lines[i].Trim();
            var escaped = EscapeInline(line);
            if (line.Length > 0 && (line[0] is '-' or '+' or '=' or '"' or '\'' || IsOrderedMarker(line)))
            {
                var digits = 0;
                while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
                {
                    digits++;
                }

                // ')' and the other inline specials are already escaped; '.', '-', '+', '=' and quotes are not.
                if (digits >= escaped.Length || escaped[digits] != '\\')
                {
                    escaped = escaped.Insert(digits, "\\");
                }
            }

            sb.Append(escaped);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Line endings as Markdown sees them (<c>\r\n</c>, <c>\r</c>, <c>\n</c>) turned into <c>\n</c>. Unlike
    /// <see cref="string.ReplaceLineEndings(string)"/>, form feeds, NEL and U+2028/U+2029 are left alone: Markdown reads them
    /// as ordinary characters, so turning them into line breaks would change the text.
    /// </summary>
    private static string MarkdownNewlines(string text)
        => text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static bool IsOrderedMarker(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        return i > 0 && i < line.Length && line[i] is '.' or ')';
    }

    private static string LinkDestination(string url)
    {
        if (url.Length == 0)
        {
            return "";
        }

        var depth = 0;
        var needsAngle = false;
        foreach (var c in url)
        {
            if (char.IsWhiteSpace(c) || c is '<' or '>' || char.IsControl(c))
            {
                needsAngle = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth < 0)
            {
                needsAngle = true;
            }
        }

        needsAngle |= depth != 0;
        if (!needsAngle)
        {
            return url.Replace("\\", "\\\\", StringComparison.Ordinal);
        }

        var sb = new StringBuilder(url.Length + 4).Append('<');
        foreach (var c in url)
        {
            if (c is '<' or '>' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return sb.Append('>').ToString();
    }

    private static string TrimLines(string markdown)
    {
        var lines = MarkdownNewlines(markdown).Split('\n');
        var sb = new StringBuilder(markdown.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd(' ', '\t'); // Markdown's blanks only: a no-break space is text.
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(blank > 0 ? "\n\n" : "\n");
            }

            blank = 0;
            sb.Append(line);
        }

        return sb.ToString();
    }
}
