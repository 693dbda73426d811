using System.Buffers;
using System.Globalization;
using PaperDigest.Model;

namespace PaperDigest.Archive;

/// <summary>
/// What the full-text table holds for an entry, and how query text is turned into the same terms.
/// </summary>
/// <remarks>
/// Under <see cref="SearchTokenizer.WordsAndCjkCharacters"/> the text is split here, on the threads that parse the files,
/// and FTS5 is left the cheapest split there is (<c>porter ascii</c>: runs of bytes that are not ASCII punctuation or
/// space, then Porter stemming). <see cref="Terms"/> does what <c>unicode61 remove_diacritics 2</c> did inside SQLite's
/// single writing thread, where it was two thirds of the full-text cost: letters and digits (Unicode categories L*, N*
/// and Co) are kept and lower-cased, Latin diacritics removed (<c>é</c> → <c>e</c>, combining marks dropped), anything
/// else becomes a space, and every CJK character stands apart (<c>推测解码</c> → <c>推 测 解 码</c>) so that each is a
/// term of its own and a CJK query is a phrase of characters. A query goes through the same function, so index and
/// query always agree.
/// </remarks>
internal static class FtsText
{
    // Lower-case Latin letters with diacritics (Latin-1, Extended-A and -B, Extended Additional) and their base letters.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    private const string Unaccented = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";

    // What each ASCII character becomes: itself lower-cased for a letter or digit, a space for anything else.
    private static readonly char[] Ascii = MakeAsciiTable();
    private static readonly Dictionary<char, char> BaseLetters = MakeBaseLetters();

    public static (string Title, string Abstract) For(DigestEntry entry, SearchTokenizer tokenizer)
    {
        if (tokenizer == SearchTokenizer.Trigram)
        {
            return (entry.TranslatedTitle.Length == 0 ? entry.Title : entry.Title + "\n" + entry.TranslatedTitle, entry.Abstract);
        }

        var title = entry.TranslatedTitle.Length == 0 ? Terms(entry.Title) : Terms(entry.Title + " " + entry.TranslatedTitle);
        return (title, Terms(entry.Abstract));
    }

    /// <summary>The text as the terms of the words-and-CJK table, separated by single spaces (see the remarks on the class).</summary>
    public static string Terms(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        // Every character gives at most two (a CJK character and its space), plus one space before the first.
        var rented = ArrayPool<char>.Shared.Rent((text.Length * 2) + 1);
        var buffer = rented.AsSpan();
        var n = 0;
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 128)
            {
                var mapped = Ascii[c];
                if (mapped != ' ')
                {
                    buffer[n++] = mapped;
                }
                else if (n > 0 && buffer[n - 1] != ' ')
                {
                    buffer[n++] = ' ';
                }

                continue;
            }

            if (CjkText.IsCjk(c))
            {
                if (n > 0 && buffer[n - 1] != ' ')
                {
                    buffer[n++] = ' ';
                }

                buffer[n++] = c;
                buffer[n++] = ' ';
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                // Outside the BMP: a letter or digit is kept as written (no case or diacritics there to speak of).
                if (IsTermCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, span[i + 1]))))
                {
                    buffer[n++] = c;
                    buffer[n++] = span[i + 1];
                }
                else if (n > 0 && buffer[n - 1] != ' ')
                {
                    buffer[n++] = ' ';
                }

                i++;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (IsTermCategory(category))
            {
                var lower = char.ToLowerInvariant(c);
                buffer[n++] = BaseLetters.TryGetValue(lower, out var plain) ? plain : lower;
            }
            else if (category == UnicodeCategory.NonSpacingMark)
            {
                // A combining accent is dropped, as remove_diacritics did: "e\u0301" is "e".
            }
            else if (n > 0 && buffer[n - 1] != ' ')
            {
                buffer[n++] = ' ';
            }
        }

        if (n > 0 && buffer[n - 1] == ' ')
        {
            n--;
        }

        var result = new string(buffer[..n]);
        ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    private static bool IsTermCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static char[] MakeAsciiTable()
    {
        var table = new char[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = char.IsAsciiLetterOrDigit((char)c) ? char.ToLowerInvariant((char)c) : ' ';
        }

        return table;
    }

    private static Dictionary<char, char> MakeBaseLetters()
    {
        var map = new Dictionary<char, char>(Accented.Length);
        for (var i = 0; i < Accented.Length; i++)
        {
            map[Accented[i]] = Unaccented[i];
        }

        return map;
    }
}
