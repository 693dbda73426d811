using System.Text.RegularExpressions;

namespace PaperDigest.Parsing;

/// <summary>
/// A plain scan of a document's text for every arXiv identifier it names, wherever it stands: arXiv URLs of every form
/// (abs, pdf, html; http, https, no scheme; www., export.), paper pages that name an identifier (Hugging Face papers,
/// alphaXiv), the textual form arXiv recommends (<c>arXiv:2502.02061</c>, also <c>arXiv 2502.02061</c>) and
/// <c>data-arxiv-id</c> attributes, and an identifier that is the whole of a code span (<c>`2502.02061`</c>,
/// <c>`2502.02061v2`</c>: a number set apart as a code, never one inside a file name or a version string). It knows
/// nothing else of Markdown: it is the evidence entries are found from and the list every identifier must be accounted
/// against.
/// </summary>
internal static partial class ArxivIdScan
{
    /// <summary>Words every match holds (<c>arxiv</c> also in <c>data-arxiv-id</c>; <c>paper</c> in <c>papers/</c> and <c>paper id</c>).</summary>
    private static readonly System.Buffers.SearchValues<string> Anchors = System.Buffers.SearchValues.Create(
        ["arxiv", "alphaxiv", "paper"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The first characters of the CJK words (<c>论文</c>, <c>論文</c>, <c>논문</c>): a case-insensitive search with them is not vectorised.</summary>
    private static readonly System.Buffers.SearchValues<char> CjkAnchors = System.Buffers.SearchValues.Create("论論논");

    /// <summary>
    /// Where a match may start before its word, leftmost first: <c>huggingface.co/</c> and <c>hf.co/</c> before
    /// <c>papers/</c>, <c>data-</c> before <c>arxiv-id</c>, or at the word itself.
    /// </summary>
    private static readonly int[] Leads = [15, 6, 5, 0];

    /// <summary>One identifier found in the text.</summary>
    /// <param name="Offset">The offset of the identifier in the text.</param>
    /// <param name="Length">The length of the identifier as written (with its version, if any).</param>
    /// <param name="Id">The identifier without version.</param>
    /// <param name="Textual">Whether it was written as text (<c>arXiv:ID</c>, a data attribute) rather than in a URL.</param>
    internal readonly record struct Hit(int Offset, int Length, string Id, bool Textual);

    [GeneratedRegex(
        @"\G(?:(?<url>arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|hf\.co/papers/|alphaxiv\.org/(?:abs|overview)/)|(?<text>\barxiv(?:\s?id)?\**\s?[:：]?\s?\**\s?|(?:论文|論文|논문|paper\s?)\s?id\**\s?[:：]\s?\**\s?|data-arxiv-id=[""']))(?<id>\d{4}\.\d{4,5}|[a-z][a-z.-]{1,15}/\d{7})(?<v>v\d+)?(?![\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    /// <summary>Every identifier in <paramref name="text"/>, in order.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hits.</returns>
    public static List<Hit> Find(string text)
    {
        // The pattern's first characters (a, h, d, p, 论…) are everywhere in prose, so running it over the whole text tries a
        // match at most positions: about 40 % of a Markdig parse on the benchmark archive. Every match holds one of a few
        // words, found with a vectorised multi-string search; the pattern, anchored with \G, is tried only where a match can start near each.
        var hits = new List<Hit>();
        var regex = Pattern();
        var from = 0;
        var nextCjk = -1;
        var nextAscii = -1;
        while (from < text.Length)
        {
            if (nextCjk < from)
            {
                var c = text.AsSpan(from).IndexOfAny(CjkAnchors);
                nextCjk = c < 0 ? int.MaxValue : from + c;
            }

            if (nextAscii < from)
            {
                var a = text.AsSpan(from).IndexOfAny(Anchors);
                nextAscii = a < 0 ? int.MaxValue : from + a;
            }

            var anchor = Math.Min(nextAscii, nextCjk);
            if (anchor == int.MaxValue)
            {
                break;
            }

            // A value match allocates nothing; the identifier is read off the match's end, where the pattern puts it.
            int index = -1, length = 0;
            foreach (var back in Leads)
            {
                if (anchor - back < from)
                {
                    continue;
                }

                foreach (var vm in regex.EnumerateMatches(text.AsSpan(), anchor - back))
                {
                    (index, length) = (vm.Index, vm.Length);
                    break;
                }

                if (index >= 0)
                {
                    break;
                }
            }

            if (index < 0)
            {
                from = anchor + 1;
                continue;
            }

            var (idStart, idLength, versionLength) = IdentifierAtEnd(text.AsSpan(index, length));
            if (PaperDigest.Model.ArxivId.TryParse(text.AsSpan(index + idStart, idLength), out var parsed))
            {
                hits.Add(new Hit(index + idStart, idLength + versionLength, parsed.Value, !IsUrl(text.AsSpan(index, length))));
            }

            from = index + length;
        }

        AddCodeSpans(text, hits);
        return hits;
    }

    /// <summary>
    /// Adds each identifier written alone in a code span (<c>`2401.00001`</c>, with an optional version) that no other form
    /// names, in offset order. The backticks are the structural evidence: a bare number in prose is not read as an identifier.
    /// </summary>
    private static void AddCodeSpans(string text, List<Hit> hits)
    {
        List<Hit>? found = null;
        var at = text.IndexOf('`', StringComparison.Ordinal);
        while (at >= 0 && at + 1 < text.Length)
        {
            var start = at + 1;
            var close = CodeSpanEnd(text, start);
            if (close < 0)
            {
                at = text.IndexOf('`', start);
                continue;
            }

            if (at > 0 && text[at - 1] == '`')
            {
                // Part of a longer backtick run: not a single-backtick span.
                at = text.IndexOf('`', close + 1);
                continue;
            }

            if (close - start is >= 9 and <= 24 && char.IsAsciiDigit(text[start]) && (close + 1 >= text.Length || text[close + 1] != '`')
                && PaperDigest.Model.ArxivId.TryParse(text.AsSpan(start, close - start), out var parsed)
                && !text.AsSpan(start, close - start).ContainsAny(' ', '\t'))
            {
                (found ??= []).Add(new Hit(start, close - start, parsed.Value, Textual: true));
            }

            at = text.IndexOf('`', close + 1);
        }

        if (found is null)
        {
            return;
        }

        // An identifier that a URL or an 'arXiv:' label also names is already evidenced: its repeat as a badge in code
        // (a card's '**arXiv**: `ID`' under a linked title) would only make the badge's line look like an entry of its own.
        var named = hits.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        found.RemoveAll(h => named.Contains(h.Id));
        if (found.Count == 0)
        {
            return;
        }

        hits.AddRange(found);
        hits.Sort((a, b) => a.Offset.CompareTo(b.Offset));
    }

    /// <summary>The closing backtick of a code span opened before <paramref name="start"/> on the same line, or -1.</summary>
    /// <remarks>Spans are matched in pairs along the line, so a long code span is stepped over whole.</remarks>
    private static int CodeSpanEnd(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '`')
            {
                return i;
            }

            if (text[i] is '\n' or '\r')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Where the identifier is in a match: at its end, after the URL or label, before an optional version
    /// (<c>2401.00001v2</c>, <c>hep-th/9901001</c>).
    /// </summary>
    private static (int Start, int Length, int VersionLength) IdentifierAtEnd(ReadOnlySpan<char> match)
    {
        var end = match.Length;
        var digits = end;
        while (digits > 0 && char.IsAsciiDigit(match[digits - 1]))
        {
            digits--;
        }

        var version = 0;
        if (digits < end && digits >= 2 && match[digits - 1] is 'v' or 'V' && char.IsAsciiDigit(match[digits - 2]))
        {
            version = end - digits + 1;
            end = digits - 1;
        }

        var start = end;
        while (start > 0 && char.IsAsciiDigit(match[start - 1]))
        {
            start--;
        }

        if (start > 0 && match[start - 1] == '.')
        {
            // New style: four digits, a dot, four or five digits.
            start -= 5;
        }
        else if (start > 0 && match[start - 1] == '/')
        {
            // Old style: the archive name (letters, '.', '-') before the slash.
            start--;
            while (start > 0 && (char.IsAsciiLetter(match[start - 1]) || match[start - 1] is '.' or '-'))
            {
                start--;
            }
        }

        start = Math.Max(0, start);
        return (start, end - start, version);
    }

    /// <summary>Whether a match is a URL (of arXiv or a paper page) rather than text such as <c>arXiv:ID</c>.</summary>
    private static bool IsUrl(ReadOnlySpan<char> match)
        => match.StartsWith("arxiv.org/", StringComparison.OrdinalIgnoreCase) || match.StartsWith("huggingface.co/", StringComparison.OrdinalIgnoreCase)
            || match.StartsWith("hf.co/", StringComparison.OrdinalIgnoreCase) || match.StartsWith("alphaxiv.org/", StringComparison.OrdinalIgnoreCase);
}
