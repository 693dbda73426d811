using PaperDigest.Model;

namespace PaperDigest.Validation.Rules;

/// <summary>Small facts about text and entries that several rules share.</summary>
internal static class TextFacts
{
    /// <summary>Whether the text has a CJK ideograph, kana or Hangul syllable.</summary>
    public static bool HasCjk(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
                or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The span of the paper link's text (between <c>[</c> and <c>](</c>), or the link's span when it cannot be found.</summary>
    public static SourceSpan LinkTextSpan(DigestSource source, DigestEntry entry)
    {
        var span = entry.LinkSpan;
        var text = source.Text;
        if (span.Length >= 4 && span.EndOffset <= text.Length && text[span.StartOffset] == '[')
        {
            var close = text.LastIndexOf("](", span.EndOffset - 1, span.Length, StringComparison.Ordinal);
            if (close > span.StartOffset)
            {
                return source.Span(span.StartOffset + 1, close);
            }
        }

        return span;
    }

    /// <summary>The span of the paper link's URL as written, or the link's span when it cannot be found.</summary>
    public static SourceSpan LinkUrlSpan(DigestSource source, DigestEntry entry)
    {
        var span = entry.LinkSpan;
        var text = source.Text;
        if (entry.Url.Length > 0 && span.EndOffset <= text.Length)
        {
            var at = text.LastIndexOf(entry.Url, span.EndOffset - 1, span.Length, StringComparison.Ordinal);
            if (at >= span.StartOffset)
            {
                return source.Span(at, at + entry.Url.Length);
            }
        }

        return span;
    }

    /// <summary>
    /// The span of the abstract: from the first non-blank character after the paper link's line to the end of the entry,
    /// or the entry's span when there is nothing there.
    /// </summary>
    public static SourceSpan AbstractSpan(DigestSource source, DigestEntry entry)
    {
        var anchor = entry.LinkSpan.Length > 0 ? entry.LinkSpan.EndOffset : entry.TitleSpan.EndOffset;
        var line = source.LineOf(Math.Min(anchor, source.Text.Length));
        var start = line + 1 < source.LineCount ? source.LineStart(line + 1) : source.Text.Length;
        var end = Math.Min(entry.Span.EndOffset, source.Text.Length);
        while (start < end && char.IsWhiteSpace(source.Text[start]))
        {
            start++;
        }

        return start < end ? source.Span(start, end) : entry.Span;
    }

    /// <summary>The arXiv identifier of an entry as diagnostics carry it.</summary>
    public static string? IdOf(DigestEntry? entry) => entry?.ArxivId?.Value;
}
