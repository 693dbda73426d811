using System.Text;
using PaperDigest.Model;

namespace PaperDigest.Cli.Output;

/// <summary>RFC 4180 CSV of entries: one row per entry, fields quoted when needed.</summary>
internal static class CsvWriter
{
    public const string Header = "path,line,column,title,translatedTitle,arxivId,arxivVersion,url,abstract,links";

    public static string Row(DigestEntry e, string? path)
    {
        var sb = new StringBuilder(256);
        Field(sb, path ?? "");
        sb.Append(',').Append(e.Span.StartLine).Append(',').Append(e.Span.StartColumn).Append(',');
        Field(sb, e.Title);
        sb.Append(',');
        Field(sb, e.TranslatedTitle);
        sb.Append(',');
        Field(sb, e.ArxivId?.Value ?? "");
        sb.Append(',');
        sb.Append(e.ArxivId?.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        sb.Append(',');
        Field(sb, e.Url);
        sb.Append(',');
        Field(sb, e.Abstract);
        sb.Append(',');
        Field(sb, string.Join(' ', e.Links.Select(l => l.Url)));
        return sb.ToString();
    }

    private static void Field(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(value);
            return;
        }

        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
