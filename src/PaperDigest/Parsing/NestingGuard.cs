using System.Text;

namespace PaperDigest.Parsing;

/// <summary>
/// Finds lines nested so deeply (blockquote markers, list indentation, open brackets) that Markdig would refuse them or
/// take quadratic time, and neutralises them: their structure characters become no-break spaces, offsets are kept, and the
/// text is read as plain paragraph text. The caller reports each neutralised range.
/// </summary>
internal static class NestingGuard
{
    public const int MaxQuoteDepth = 32;
    public const int MaxIndent = 128;
    public const int MaxBracketDepth = 64;
    public const int MaxContainerEstimate = 100;

    private static readonly System.Buffers.SearchValues<char> Brackets = System.Buffers.SearchValues.Create("[]()");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string Sanitize(string text, List<(int Start, int End)> neutralised) => Sanitize(text, neutralised, null);

    /// <summary>
    /// <see cref="Sanitize(string, List{ValueTuple{int, int}})"/>, also collecting the offset where each line starts
    /// (after <c>\n</c>, <c>\r\n</c> or <c>\r</c>) into <paramref name="lineStarts"/>, so the text is walked once for both.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string Sanitize(string text, List<(int Start, int End)> neutralised, List<int>? lineStarts)
    {
        StringBuilder? sb = null;
        var lineStart = 0;
        var bracketDepth = 0;
        lineStarts?.Add(0);
        while (lineStart <= text.Length)
        {
            var lineEnd = text.AsSpan(lineStart).IndexOfAny('\n', '\r');
            lineEnd = lineEnd < 0 ? text.Length : lineStart + lineEnd;

            // Leading run of container syntax: blockquote markers, list markers and indentation. Markdig gives up at about
            // 128 nested containers (a blockquote is one, a list level two), so estimate the depth generously.
            var quotes = 0;
            var markers = 0;
            var indent = 0;
            var i = lineStart;
            while (i < lineEnd)
            {
                var c = text[i];
                if (c == '>')
                {
                    quotes++;
                    i++;
                }
                else if (c == ' ')
                {
                    indent++;
                    i++;
                }
                else if (c == '\t')
                {
                    indent += 4;
                    i++;
                }
                else if (c is '-' or '+' or '*' && i + 1 < lineEnd && text[i + 1] is ' ' or '\t')
                {
                    markers++;
                    i++;
                }
                else if (char.IsAsciiDigit(c) && OrderedMarkerLength(text, i, lineEnd) is > 0 and var length)
                {
                    markers++;
                    i += length;
                }
                else
                {
                    break;
                }
            }

            var lineIsBlank = i == lineEnd;
            if (lineIsBlank)
            {
                bracketDepth = 0;
            }

            var bad = quotes > MaxQuoteDepth || indent > MaxIndent || quotes + (2 * markers) + indent > MaxContainerEstimate;
            if (!bad)
            {
                // Brackets open across a paragraph.
                for (var j = i; j < lineEnd; j++)
                {
                    var skip = text.AsSpan(j, lineEnd - j).IndexOfAny(Brackets);
                    if (skip < 0)
                    {
                        break;
                    }

                    j += skip;
                    var c = text[j];
                    if (c is '[' or '(')
                    {
                        if (++bracketDepth > MaxBracketDepth)
                        {
                            bad = true;
                            break;
                        }
                    }
                    else if (c is ']' or ')')
                    {
                        bracketDepth = Math.Max(0, bracketDepth - 1);
                    }
                }
            }

            if (bad)
            {
                sb ??= new StringBuilder(text);
                for (var j = lineStart; j < lineEnd; j++)
                {
                    if (sb[j] is '>' or ' ' or '\t' or '[' or ']' or '(' or ')' or '<' or '*' or '_' or '`' or '!' or '#' or '-' or '+' or '|')
                    {
                        sb[j] = '\u00A0';
                    }
                }

                if (neutralised.Count > 0 && neutralised[^1].End >= lineStart - 2)
                {
                    neutralised[^1] = (neutralised[^1].Start, lineEnd);
                }
                else
                {
                    neutralised.Add((lineStart, lineEnd));
                }

                bracketDepth = 0;
            }

            if (lineEnd >= text.Length)
            {
                break;
            }

            lineStart = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
            lineStarts?.Add(lineStart);
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>The length of an ordered list marker (<c>1.</c>, <c>12)</c>) at <paramref name="i"/> when a space or tab follows it, else 0.</summary>
    private static int OrderedMarkerLength(string text, int i, int lineEnd)
    {
        var j = i;
        while (j < lineEnd && j - i < 9 && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j + 1 < lineEnd && text[j] is '.' or ')' && text[j + 1] is ' ' or '\t' ? j - i + 1 : 0;
    }
}
