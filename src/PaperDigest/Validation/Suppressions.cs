using System.Text.RegularExpressions;

namespace PaperDigest.Validation;

/// <summary>
/// The inline suppression comments of one file: <c>&lt;!-- paperdigest-disable-next-line PD0003 --&gt;</c>,
/// <c>&lt;!-- paperdigest-disable-line PD0003 --&gt;</c>, and <c>&lt;!-- paperdigest-disable PD0003 --&gt;</c> …
/// <c>&lt;!-- paperdigest-enable PD0003 --&gt;</c>. Rules are named by identifier or name, separated by spaces or
/// commas; no rule at all means every rule. <c>disable-next-line</c> just before an entry heading covers the whole entry.
/// </summary>
public sealed partial class Suppressions
{
    private const string All = "*";
    private readonly List<(string Rule, int Line)> _lines = [];
    private readonly List<(string Rule, int Start, int End)> _ranges = [];

    private Suppressions()
    {
    }

    /// <summary>Whether the file has any suppression comment.</summary>
    public bool IsEmpty => _lines.Count == 0 && _ranges.Count == 0;

    /// <summary>Reads the suppression comments of a file.</summary>
    /// <param name="source">The file.</param>
    /// <returns>The suppressions.</returns>
    public static Suppressions Parse(DigestSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = new Suppressions();
        var text = source.Text;
        if (!text.Contains("paperdigest-", StringComparison.Ordinal))
        {
            return result;
        }

        var open = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in CommentRegex().Matches(text))
        {
            var kind = m.Groups["kind"].Value;
            var rules = m.Groups["rules"].Value.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(r => RuleCatalog.Find(r)?.Id ?? r.ToUpperInvariant()).ToList();
            if (rules.Count == 0)
            {
                rules.Add(All);
            }

            var endLine = source.LineOf(m.Index + m.Length) + 1;
            switch (kind)
            {
                case "disable-next-line":
                    result._lines.AddRange(rules.Select(r => (r, endLine + 1)));

                    // Before an entry heading, the comment covers the whole entry (a comment between the heading and the
                    // paper link would break the entry apart).
                    if (source.Document.Entries.FirstOrDefault(e => e.Span.StartLine == endLine + 1) is { } entry)
                    {
                        result._ranges.AddRange(rules.Select(r => (r, entry.Span.StartOffset, entry.Span.EndOffset)));
                    }

                    break;
                case "disable-line":
                    result._lines.AddRange(rules.Select(r => (r, source.LineOf(m.Index) + 1)));
                    break;
                case "disable":
                    foreach (var r in rules)
                    {
                        open.TryAdd(r, m.Index);
                    }

                    break;
                default:
                    foreach (var r in rules)
                    {
                        if (r == All)
                        {
                            foreach (var (rule, start) in open)
                            {
                                result._ranges.Add((rule, start, m.Index));
                            }

                            open.Clear();
                        }
                        else if (open.Remove(r, out var start))
                        {
                            result._ranges.Add((r, start, m.Index));
                        }
                    }

                    break;
            }
        }

        foreach (var (rule, start) in open)
        {
            result._ranges.Add((rule, start, int.MaxValue));
        }

        return result;
    }

    /// <summary>Whether a diagnostic of a rule at a span is suppressed.</summary>
    /// <param name="ruleId">The rule identifier.</param>
    /// <param name="span">Where the diagnostic is.</param>
    /// <returns><see langword="true"/> when a comment suppresses it.</returns>
    public bool IsSuppressed(string ruleId, Model.SourceSpan span)
    {
        foreach (var (rule, line) in _lines)
        {
            if (line == span.StartLine && (rule == All || string.Equals(rule, ruleId, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        foreach (var (rule, start, end) in _ranges)
        {
            if (span.StartOffset >= start && span.StartOffset < end && (rule == All || string.Equals(rule, ruleId, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"<!--\s*paperdigest-(?<kind>disable-next-line|disable-line|disable|enable)\b(?<rules>(?:(?!-->)[^>])*)-->", RegexOptions.CultureInvariant)]
    private static partial Regex CommentRegex();
}
