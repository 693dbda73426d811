using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperDigest.Archive;

/// <summary>
/// The date a digest file is about, where it says: the first calendar date (<c>2025-01-31</c>, <c>2025_01_31</c>,
/// <c>2025.01.31</c> or <c>20250131</c>) in its file name, else in its folder names (nearest first), else in the
/// text before its first entry. Years 1990–2099 only, and the date must exist.
/// </summary>
internal static partial class DocumentDates
{
    public static DateOnly? Find(string path, string preamble)
    {
        var normalised = path.Replace('\\', '/');
        var parts = normalised.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (FirstDate(parts[i]) is { } date)
            {
                return date;
            }
        }

        return FirstDate(preamble);
    }

    public static DateOnly? FirstDate(string text)
    {
        foreach (Match m in DatePattern().Matches(text))
        {
            var year = int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }
        }

        return null;
    }

    /// <summary>The Monday of the ISO week a date falls in.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})(?:(?<s>[-_.])(?<m>[0-9]{1,2})\k<s>(?<d>[0-9]{1,2})|(?<m>[0-9]{2})(?<d>[0-9]{2}))(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
