using System.Text;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>Whitespace normalisation shared by the parsers.</summary>
internal static class TextNormalizer
{
    /// <summary>Collapses every run of white space (line breaks included) to one space and trims the ends.</summary>
    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Collapses white space and turns an empty result into <see langword="null"/>.</summary>
    public static string? CollapseOrNull(string? text)
    {
        var s = Collapse(text);
        return s.Length == 0 ? null : s;
    }
}
