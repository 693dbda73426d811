namespace PaperDigest.Archive;

/// <summary>
/// Which characters are written without spaces between words. The <see cref="SearchTokenizer.WordsAndCjkCharacters"/>
/// full-text table makes each of them a term of its own (<see cref="FtsText.Terms"/>): a CJK query is then a phrase of
/// characters, which matches wherever those characters stand together, and FTS5's bm25 scores it as one phrase (its
/// frequency, and the number of entries that have it), not as separate characters.
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
}
