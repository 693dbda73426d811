using System.Globalization;
using System.Text;
using PaperDigest.Enrichment.Arxiv;

namespace PaperDigest.Cli.Output;

/// <summary>
/// Writes papers as arXiv's own BibTeX export does: one <c>@misc</c> with <c>title</c>, <c>author</c>, <c>year</c>,
/// <c>eprint</c>, <c>archivePrefix = {arXiv}</c>, <c>primaryClass</c>, <c>url</c> and <c>doi</c> when known. Keys are
/// <c>lastnameYEARfirstwords</c> as arXiv makes them (<c>arxivID</c> when the first author's name has no Latin letters), made
/// unique with a letter suffix in input order. The DOI is written verbatim, as biblatex reads it.
/// </summary>
internal sealed class BibtexWriter
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "a", "an", "the", "of", "on", "in", "for", "and", "to", "with" };
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>The next unique key for a paper (CSL-JSON uses the same keys as item ids).</summary>
    public string Key(ArxivPaper paper) => UniqueKey(BaseKey(paper, (paper.Published ?? paper.Updated)?.Year.ToString(CultureInfo.InvariantCulture)));

    public string Write(ArxivPaper paper)
    {
        var year = (paper.Published ?? paper.Updated)?.Year.ToString(CultureInfo.InvariantCulture);
        var key = Key(paper);
        var sb = new StringBuilder();
        sb.Append("@misc{").Append(key).Append(",\n");
        Field(sb, "title", Escape(paper.Title));
        Field(sb, "author", string.Join(" and ", paper.Authors.Select(a => Escape(a.Name))));
        if (year is not null)
        {
            Field(sb, "year", year);
        }

        Field(sb, "eprint", paper.Id);
        Field(sb, "archivePrefix", "arXiv");
        if (paper.PrimaryCategory is { Length: > 0 } primary)
        {
            Field(sb, "primaryClass", primary);
        }

        Field(sb, "url", $"https://arxiv.org/abs/{paper.Id}");
        if (paper.Dois.Count > 0 && paper.Dois[0].AsSpan().IndexOfAny('{', '}') < 0)
        {
            // biblatex reads doi verbatim: TeX escapes would become part of the DOI (10.1000/a\_b). A DOI with braces
            // cannot be written there at all and is left out.
            Field(sb, "doi", paper.Dois[0]);
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static void Field(StringBuilder sb, string name, string value)
        => sb.Append("      ").Append(name).Append("={").Append(value).Append("},\n");

    private static string BaseKey(ArxivPaper paper, string? year)
    {
        var first = paper.Authors.FirstOrDefault()?.Name ?? "anonymous";
        var last = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "anonymous";
        var words = Ascii(paper.Title).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !StopWords.Contains(w)).Take(3);
        var name = Ascii(last).Replace(" ", "", StringComparison.Ordinal);
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            // A name with no Latin letters (李明) gives no key part, and '2025limo' says nothing of the author: the
            // identifier names the paper instead.
            return "arxiv" + Ascii(paper.Id).Replace(" ", "", StringComparison.Ordinal);
        }

        return name + (year ?? "") + string.Concat(words);
    }

    /// <summary>Lower-case ASCII letters and digits, accents dropped, everything else a space.</summary>
    private static string Ascii(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    private string UniqueKey(string key)
    {
        if (_keys.Add(key))
        {
            return key;
        }

        for (var suffix = 'a'; ; suffix++)
        {
            var candidate = suffix <= 'z' ? key + suffix : key + (_keys.Count + 1).ToString(CultureInfo.InvariantCulture);
            if (_keys.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Escapes TeX's special characters outside <c>$…$</c> math, which is kept as written.</summary>
    internal static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var inMath = false;
        var mathPossible = text.Count(c => c == '$') % 2 == 0;
        foreach (var c in text)
        {
            if (c == '$' && mathPossible)
            {
                inMath = !inMath;
                sb.Append(c);
                continue;
            }

            if (inMath)
            {
                sb.Append(c);
                continue;
            }

            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '{' => "\\{",
                '}' => "\\}",
                '&' => "\\&",
                '%' => "\\%",
                '#' => "\\#",
                '_' => "\\_",
                '$' => "\\$",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
