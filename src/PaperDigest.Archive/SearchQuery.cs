using System.Globalization;

namespace PaperDigest.Archive;

/// <summary>
/// A parsed search query: free terms (words or <c>"quoted phrases"</c>, all required), <c>title:</c> terms (title or
/// translated title only), and filters <c>id:</c>, <c>repo:owner/name</c> and <c>date:FROM..TO</c>.
/// </summary>
internal sealed record SearchQuery
{
    public List<string> Terms { get; } = [];

    public List<string> TitleTerms { get; } = [];

    public string? ArxivId { get; set; }

    public string? Repository { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public bool HasText => Terms.Count > 0 || TitleTerms.Count > 0;

    public IEnumerable<string> AllTerms => Terms.Concat(TitleTerms);

    public static SearchQuery Parse(string text)
    {
        var query = new SearchQuery();
        foreach (var token in Tokens(text))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var field = colon > 0 && !token.StartsWith('"') ? token[..colon].ToLowerInvariant() : null;
            var value = field is null ? token : Unquote(token[(colon + 1)..]);
            switch (field)
            {
                case "title":
                    Require(field, value);
                    query.TitleTerms.Add(value);
                    break;
                case "id":
                    Require(field, value);
                    query.ArxivId = PaperDigest.Model.ArxivId.TryParse(value, out var id) ? id.Value : value.Trim().ToLowerInvariant();
                    break;
                case "repo":
                    Require(field, value);
                    var repo = value.Trim().TrimEnd('/');
                    const string prefix = "https://github.com/";
                    if (repo.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        repo = repo[prefix.Length..];
                    }

                    if (repo.Count(c => c == '/') != 1 || repo.StartsWith('/') || repo.EndsWith('/'))
                    {
                        throw new FormatException($"repo: needs owner/name, such as repo:openai/whisper (got '{value}')");
                    }

                    query.Repository = repo.ToLowerInvariant();
                    break;
                case "date":
                    Require(field, value);
                    (query.From, query.To) = DateRange(value);
                    break;
                default:
                    var term = Unquote(token);
                    if (term.Length > 0)
                    {
                        query.Terms.Add(term);
                    }

                    break;
            }
        }

        if (!query.HasText && query.ArxivId is null && query.Repository is null && query.From is null && query.To is null)
        {
            throw new FormatException("the query is empty: give words to find, or a filter such as id:, repo: or date:");
        }

        return query;
    }

    /// <summary><c>2025</c>, <c>2025-01</c>, <c>2025-01-31</c>, or two of those joined by <c>..</c> (either side may be left open).</summary>
    internal static (DateOnly? From, DateOnly? To) DateRange(string value)
    {
        var dots = value.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            var (start, end) = Period(value);
            return (start, end);
        }

        var left = value[..dots];
        var right = value[(dots + 2)..];
        if (left.Length == 0 && right.Length == 0)
        {
            throw new FormatException("date: needs a date or a range, such as date:2025-01 or date:2025-01-01..2025-03-31");
        }

        return (left.Length == 0 ? null : Period(left).Start, right.Length == 0 ? null : Period(right).End);
    }

    private static (DateOnly Start, DateOnly End) Period(string text)
    {
        var formats = new[] { ("yyyy-MM-dd", 0), ("yyyy-MM", 1), ("yyyy", 2) };
        foreach (var (format, kind) in formats)
        {
            if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return kind switch
                {
                    0 => (d, d),
                    1 => (d, d.AddMonths(1).AddDays(-1)),
                    _ => (d, d.AddYears(1).AddDays(-1)),
                };
            }
        }

        throw new FormatException($"date: '{text}' is not a date; write 2025, 2025-01 or 2025-01-31, or a range such as 2025-01..2025-03");
    }

    private static void Require(string field, string value)
    {
        if (value.Trim().Length == 0)
        {
            throw new FormatException($"{field}: needs a value, such as {field}:{Example(field)}");
        }
    }

    private static string Example(string field) => field switch
    {
        "title" => "diffusion",
        "id" => "2501.19393",
        "repo" => "owner/name",
        _ => "2025-01..2025-03",
    };

    private static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Trim() : s.Trim('"').Trim();

    /// <summary>Splits on whitespace, keeping double-quoted runs (also after <c>field:</c>) together.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                yield break;
            }

            var start = i;
            var quoted = false;
            while (i < text.Length && (quoted || !char.IsWhiteSpace(text[i])))
            {
                if (text[i] == '"')
                {
                    quoted = !quoted;
                }

                i++;
            }

            yield return text[start..i];
        }
    }
}
