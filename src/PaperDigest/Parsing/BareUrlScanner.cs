using System.Net;

namespace PaperDigest.Parsing;

/// <summary>A URL found in running text, possibly repaired.</summary>
/// <param name="Start">Offset of the first character in the source.</param>
/// <param name="End">Offset just after the last character in the source.</param>
/// <param name="Written">The characters as written (including any stray spaces).</param>
/// <param name="Url">The URL, repaired and unescaped.</param>
/// <param name="Repaired">Whether the written form was broken (<c>github. com</c>, <c>https: //</c>, <c>github.com/ owner</c>).</param>
internal readonly record struct BareUrl(int Start, int End, string Written, string Url, bool Repaired);

/// <summary>
/// Finds bare <c>http(s)://</c> URLs in running text. A URL ends at whitespace, at any non-ASCII character (so full-width
/// punctuation such as <c>。</c>, <c>，</c>, <c>）</c>, <c>」</c> ends it) and at <c>&lt; &gt; " ` [ ] { } |</c>; trailing ASCII
/// punctuation is not part of it, nor is an unbalanced closing parenthesis. Broken URLs seen in real digests are repaired.
/// </summary>
internal static class BareUrlScanner
{
    private static readonly System.Buffers.SearchValues<string> Http = System.Buffers.SearchValues.Create(["http"], StringComparison.OrdinalIgnoreCase);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static List<BareUrl>? Scan(string text, int start, int end, List<BareUrl>? into = null)
    {
        var i = start;
        while (i < end)
        {
            // "http" in any case, with a vectorised multi-string search (English text is full of 'h').
            var h = text.AsSpan(i, end - i).IndexOfAny(Http);
            if (h < 0)
            {
                break;
            }

            var idx = i + h;

            i = idx + 4;
            if (idx > start && char.IsAsciiLetterOrDigit(text[idx - 1]))
            {
                continue;
            }

            var p = idx + 4;
            var repaired = false;
            if (p < end && text[p] is 's' or 'S')
            {
                p++;
            }

            if (p >= end || text[p] != ':')
            {
                continue;
            }

            p++;
            var sp = p;
            while (p < end && text[p] == ' ' && p - sp < 3)
            {
                p++;
            }

            if (p > sp)
            {
                repaired = true;
            }

            if (p + 1 >= end || text[p] != '/' || text[p + 1] != '/')
            {
                continue;
            }

            p += 2;
            var hostStart = p;
            var q = p;
            while (q < end && IsUrlChar(text[q]))
            {
                q++;
            }

            if (q == hostStart)
            {
                continue;
            }

            var gaps = new List<(int, int)>();
            if (repaired)
            {
                gaps.Add((sp, p - 2));
            }

            var body = text.AsSpan(hostStart, q - hostStart);
            var slash = body.IndexOf('/');
            if (slash < 0 && body.Length > 1 && body[^1] == '.')
            {
                // "https://github. com/owner/repo"
                var r = q;
                while (r < end && text[r] == ' ' && r - q < 2)
                {
                    r++;
                }

                var t = r;
                while (t < end && char.IsAsciiLetterLower(text[t]))
                {
                    t++;
                }

                if (r > q && t - r is >= 2 and <= 6 && (t == end || text[t] == '/' || !IsUrlChar(text[t])))
                {
                    gaps.Add((q, r));
                    repaired = true;
                    q = t;
                    while (q < end && IsUrlChar(text[q]))
                    {
                        q++;
                    }
                }
            }
            else if (slash == body.Length - 1 && slash > 0 && body[..slash].Contains('.'))
            {
                // "https://github.com/ owner/repo"
                var r = q;
                if (r < end && text[r] == ' ')
                {
                    r++;
                }

                var t = r;
                while (t < end && IsUrlChar(text[t]))
                {
                    t++;
                }

                var token = text.AsSpan(r, t - r).TrimEnd(".,;:!?)");
                var ts = token.IndexOf('/');
                if (r > q && ts > 0 && ts < token.Length - 1 && char.IsAsciiLetterOrDigit(token[0]))
                {
                    gaps.Add((q, r));
                    repaired = true;
                    q = t;
                }
            }

            // Trailing punctuation is not part of the URL.
            while (q > hostStart)
            {
                var c = text[q - 1];
                if (c is '.' or ',' or ':' or ';' or '!' or '?' or '\'' or '"' or '*' or '~' or '_')
                {
                    q--;
                }
                else if (c == ')' && Count(text, idx, q, '(') < Count(text, idx, q, ')'))
                {
                    q--;
                }
                else
                {
                    break;
                }
            }

            var written = text[idx..q];
            string url;
            if (gaps.Count == 0)
            {
                url = written;
            }
            else
            {
                var sb = new System.Text.StringBuilder(q - idx);
                var pos = idx;
                foreach (var (gs, ge) in gaps)
                {
                    sb.Append(text, pos, gs - pos);
                    pos = ge;
                }

                sb.Append(text, pos, q - pos);
                url = sb.ToString();
            }

            url = Unescape(url);
            into ??= [];
            into.Add(new BareUrl(idx, q, written, url, repaired));
            i = q;
        }

        return into;
    }

    private static bool IsUrlChar(char c) => c > ' ' && c < '\u007F' && c is not ('<' or '>' or '"' or '`' or '[' or ']' or '{' or '}' or '|');

    private static int Count(string s, int from, int to, char c)
    {
        var n = 0;
        for (var k = from; k < to; k++)
        {
            if (s[k] == c)
            {
                n++;
            }
        }

        return n;
    }

    private static string Unescape(string url)
    {
        if (url.Contains('\\', StringComparison.Ordinal))
        {
            var sb = new System.Text.StringBuilder(url.Length);
            for (var k = 0; k < url.Length; k++)
            {
                if (url[k] == '\\' && k + 1 < url.Length && char.IsAsciiLetterOrDigit(url[k + 1]) == false && url[k + 1] > ' ' && url[k + 1] < '\u007F')
                {
                    continue;
                }

                sb.Append(url[k]);
            }

            url = sb.ToString();
        }

        return url.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(url) : url;
    }
}
