using System.Text.Json;
using System.Text.RegularExpressions;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// Reads the <c>layouts</c> object of <c>.paperdigest.json</c>: layouts a user declares for a generator no built-in layout
/// knows. Each becomes a <see cref="LayoutSpec"/> read by <see cref="SpecLayout"/>, the same engine as the built-in labelled
/// layouts. Every problem is reported with its JSON path, so a bad definition is a clear configuration error.
/// </summary>
/// <remarks>
/// <code>
/// "layouts": {
///   "lab-weekly": {
///     "description": "Our lab's weekly digest",
///     "entry": "heading",                 // or "bold-line"
///     "headingLevel": 3,
///     "title": "^(?&lt;en&gt;.+?) / (?&lt;zh&gt;.+)$",   // optional; named groups en and zh
///     "titleLinkIsPaper": false,
///     "fields": { "paperLink": ["Paper", "论文"], "codeLink": ["Code"], "abstract": ["摘要"], "ignore": ["Authors"] },
///     "abstract": "field"                 // or "rest" or "details"
///   }
/// }
/// </code>
/// </remarks>
internal static class DeclaredLayouts
{
    /// <summary>The default title pattern: an optional entry number (<c>1.</c>, <c>12、</c>, <c>3)</c>), then the English title.</summary>
    public const string DefaultTitlePattern = @"^(?:\d{1,4}\s*[.、)）]\s*)?(?<en>.+)$";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, FieldKind> FieldNames = new(StringComparer.Ordinal)
    {
        ["title"] = FieldKind.Title,
        ["translatedTitle"] = FieldKind.TranslatedTitle,
        ["paperLink"] = FieldKind.PaperLink,
        ["codeLink"] = FieldKind.CodeLink,
        ["abstract"] = FieldKind.Abstract,
        ["ignore"] = FieldKind.Ignored,
    };

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "description", "entry", "headingLevel", "title", "titleLinkIsPaper", "fields", "abstract", "hasTitle", "hasAbstract",
    };

    /// <summary>Reads every layout of a <c>layouts</c> object; problems go to <paramref name="problems"/>, prefixed with <paramref name="where"/>.</summary>
    public static List<IDigestLayout> Read(JsonElement layouts, string where, List<string> problems)
    {
        var result = new List<IDigestLayout>();
        if (layouts.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: layouts must be an object whose keys are layout names.");
            return result;
        }

        foreach (var p in layouts.EnumerateObject())
        {
            var at = $"{where}: layouts.{p.Name}";
            if (!Regex.IsMatch(p.Name, "^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant))
            {
                problems.Add($"{at}: a layout name is lower-case letters, digits and '-' (like 'lab-weekly').");
                continue;
            }

            if (string.Equals(p.Name, DigestParserOptions.AutoLayout, StringComparison.Ordinal) || DigestLayouts.Find(p.Name) is not null)
            {
                problems.Add($"{at}: '{p.Name}' is the name of a built-in layout; give yours another name.");
                continue;
            }

            if (ReadOne(p.Name, p.Value, at, problems) is { } spec)
            {
                result.Add(new SpecLayout(spec));
            }
        }

        return result;
    }

    private static LayoutSpec? ReadOne(string name, JsonElement e, string at, List<string> problems)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: must be an object (entry, headingLevel, title, fields, abstract).");
            return null;
        }

        var before = problems.Count;
        foreach (var p in e.EnumerateObject())
        {
            if (!Keys.Contains(p.Name))
            {
                problems.Add($"{at}.{p.Name}: unknown key; known: {string.Join(", ", Keys)}.");
            }
        }

        var description = String(e, "description", at, problems) ?? $"Declared in configuration: {name}.";
        var start = EntryStart.Heading;
        switch (String(e, "entry", at, problems))
        {
            case null or "heading":
                break;
            case "bold-line":
                start = EntryStart.BoldLine;
                break;
            case var other:
                problems.Add($"{at}.entry: '{other}' is not an entry unit; use \"heading\" (a heading at headingLevel) or \"bold-line\" (a paragraph that is one bold span).");
                break;
        }

        var level = 2;
        if (e.TryGetProperty("headingLevel", out var lv))
        {
            if (lv.ValueKind != JsonValueKind.Number || !lv.TryGetInt32(out level) || level is < 1 or > 6)
            {
                problems.Add($"{at}.headingLevel: must be a whole number from 1 to 6.");
            }
            else if (start == EntryStart.BoldLine)
            {
                problems.Add($"{at}.headingLevel: only applies to \"entry\": \"heading\".");
            }
        }

        Regex? title = null;
        var pattern = String(e, "title", at, problems) ?? DefaultTitlePattern;
        try
        {
            title = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            var groups = title.GetGroupNames();
            if (!groups.Contains("en") && !groups.Contains("zh"))
            {
                problems.Add($"{at}.title: the pattern names no group: capture the English title as (?<en>…) and/or the translated title as (?<zh>…).");
            }
        }
        catch (ArgumentException ex)
        {
            problems.Add($"{at}.title: not a valid regular expression: {ex.Message}");
        }

        var titleLinkIsPaper = Bool(e, "titleLinkIsPaper", at, problems) ?? false;
        var fields = new List<FieldSpec>();
        if (e.TryGetProperty("fields", out var fe))
        {
            if (fe.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at}.fields: must be an object such as {{ \"paperLink\": [\"Paper\", \"论文\"] }}.");
            }
            else
            {
                foreach (var f in fe.EnumerateObject())
                {
                    if (!FieldNames.TryGetValue(f.Name, out var kind))
                    {
                        problems.Add($"{at}.fields.{f.Name}: unknown field; known: {string.Join(", ", FieldNames.Keys)}.");
                        continue;
                    }

                    if (f.Value.ValueKind != JsonValueKind.Array || f.Value.GetArrayLength() == 0
                        || f.Value.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(x.GetString())))
                    {
                        problems.Add($"{at}.fields.{f.Name}: must be a non-empty array of label words (the text before the colon, like \"Paper\" or \"论文链接\").");
                        continue;
                    }

                    // Label words are literal text, matched case-insensitively before a half- or full-width colon.
                    var labels = f.Value.EnumerateArray().Select(x => x.GetString()!.Trim().TrimEnd(':', '：').Trim()).OrderByDescending(x => x.Length);
                    fields.Add(new FieldSpec(kind, string.Join('|', labels.Select(Regex.Escape))));
                }
            }
        }

        var hasAbstractLabel = fields.Any(f => f.Kind == FieldKind.Abstract);
        var abstractFrom = String(e, "abstract", at, problems) ?? (hasAbstractLabel ? "field" : "rest");
        if (abstractFrom is not ("field" or "rest" or "details"))
        {
            problems.Add($"{at}.abstract: '{abstractFrom}' is not an abstract source; use \"field\" (after the abstract label), \"rest\" (the body's other text) or \"details\" (the entry's <details> block).");
        }
        else if (abstractFrom == "field" && !hasAbstractLabel)
        {
            problems.Add($"{at}.abstract: \"field\" needs fields.abstract, the label words of the abstract.");
        }

        var hasTitle = Bool(e, "hasTitle", at, problems) ?? (title is null || title.GetGroupNames().Contains("en") || fields.Any(f => f.Kind == FieldKind.Title) || titleLinkIsPaper);
        var hasAbstract = Bool(e, "hasAbstract", at, problems) ?? true;
        if (problems.Count > before || title is null)
        {
            return null;
        }

        var paperLabels = fields.Where(f => f.Kind == FieldKind.PaperLink).Select(f => f.Label).ToList();
        return new LayoutSpec
        {
            Name = name,
            Description = description,
            Start = start,
            HeadingLevel = level,
            TitlePattern = title,
            TitleLinkIsPaper = titleLinkIsPaper,
            Fields = fields,
            AbstractIsRest = abstractFrom == "rest",
            AbstractInDetails = abstractFrom == "details",
            HasTitle = hasTitle,
            HasAbstract = hasAbstract,

            // Declared layouts are chosen by name (--layout, or the configuration's "layout"), so the signal only matters
            // for scoring: a paper-link label line.
            Signal = paperLabels.Count > 0
                ? new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', paperLabels)})\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout)
                : new Regex("(?!)", RegexOptions.None, MatchTimeout),
        };
    }

    private static string? String(JsonElement e, string key, string at, List<string> problems)
    {
        if (!e.TryGetProperty(key, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            problems.Add($"{at}.{key}: must be a non-empty string.");
            return null;
        }

        return v.GetString();
    }

    private static bool? Bool(JsonElement e, string key, string at, List<string> problems)
    {
        if (!e.TryGetProperty(key, out var v))
        {
            return null;
        }

        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add($"{at}.{key}: must be true or false.");
            return null;
        }

        return v.GetBoolean();
    }
}
