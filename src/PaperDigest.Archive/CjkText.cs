using System.Text;

namespace PaperDigest.Archive;

/// <summary>
/// Turns text into what the <see cref="SearchTokenizer.WordsAndCjkBigrams"/> full-text table indexes: alphabetic text
/// unchanged, each run of CJK characters as its overlapping pairs (<c>推测解码</c> → <c>推测 测解 解码</c>), so that a
/// query of two or more CJK characters is a phrase of pairs that matches wherever those characters stand together.
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

    /// <summary>The text with every CJK run replaced by its space-separated pairs; a run of one character stays itself.</summary>
    public static string Bigrams(string text)
    {
        if (!HasCjk(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length * 3);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsCjk(text[i]))
            {
                sb.Append(text[i]);
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsCjk(text[i]))
            {
                i++;
            }

            sb.Append(' ');
            if (i - start == 1)
            {
                sb.Append(text[start]);
            }
            else
            {
                for (var k = start; k < i - 1; k++)
                {
                    if (k > start)
                    {
                        sb.Append(' ');
                    }

                    sb.Append(text[k]).Append(text[k + 1]);
                }
            }

            sb.Append(' ');
        }

        return sb.ToString();
    }
}
