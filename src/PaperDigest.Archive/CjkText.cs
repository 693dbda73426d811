using System.Text;

namespace PaperDigest.Archive;

/// <summary>
/// Turns text into what the <see cref="SearchTokenizer.WordsAndCjkCharacters"/> full-text table indexes: alphabetic text
/// unchanged, every CJK character set apart by spaces (<c>推测解码</c> → <c>推 测 解 码</c>), so that each is a term of its own.
/// A CJK query is then a phrase of characters, which matches wherever those characters stand together, and FTS5's bm25
/// scores it as one phrase (its frequency, and the number of entries that have it), not as separate characters.
/// </summary>
internal static class CjkText
{
    /// <summary>Whether a character is written without spaces between words: CJK ideographs, kana, Hangul.</summary>
    public static bool IsCjk(char c)
        => c is (>= '\u3040' and <= '\u30ff') // hiragana, katakana
            or (>= '\u3400' and <= '\u4dbf') // CJK extension A
            or (>= '\u4e00' and <= '\u9fff') // CJK unified ideographs
            or (>= '\uac00' and <= '\ud7af') // Hangul syllables
            or (>= '\uf900' and <= '\ufaff') // CJK compatibility ideographs
            or (>= '\u3100' and <= '\u312f') // bopomofo
            or (>= '\u1100' and <= '\u11ff'); // Hangul jamo

    /// <summary>Whether the text has any CJK character.</summary>
    public static bool HasCjk(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with a space after every CJK character (and before a run of them).</summary>
    public static string Spaced(string text)
    {
        if (!HasCjk(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length * 2);
        var previousCjk = false;
        foreach (var c in text)
        {
            var cjk = IsCjk(c);
            if (cjk)
            {
                if (!previousCjk)
                {
                    sb.Append(' ');
                }

                sb.Append(c).Append(' ');
            }
            else
            {
                sb.Append(c);
            }

            previousCjk = cjk;
        }

        return sb.ToString();
    }
}
