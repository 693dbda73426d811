using System.Text;

namespace PaperDigest.Enrichment;

/// <summary>How alike two titles are, after normalising case, punctuation and white space.</summary>
internal static class TitleSimilarity
{
    /// <summary>Lower-cases a title, turns everything but letters and digits into spaces and collapses them.</summary>
    /// <param name="title">The title.</param>
    /// <returns>The normalised title.</returns>
    public static string Normalize(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return "";
        }

        var sb = new StringBuilder(title.Length);
        var space = false;
        foreach (var c in title.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>The similarity of two titles between 0 (nothing alike) and 1 (equal once normalised): one minus the edit distance over the longer length.</summary>
    /// <param name="a">One title.</param>
    /// <param name="b">The other.</param>
    /// <returns>The score.</returns>
    public static double Score(string? a, string? b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length == 0 && y.Length == 0)
        {
            return 1;
        }

        var max = Math.Max(x.Length, y.Length);
        return Math.Round(1.0 - ((double)Levenshtein(x, y) / max), 4);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
