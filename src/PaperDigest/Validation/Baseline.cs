using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using PaperDigest.Model;

namespace PaperDigest.Validation;

/// <summary>
/// Problems already known in an archive, recorded so they are not reported again. A problem is identified by its rule and
/// its entry (the arXiv identifier, else the title and file), never by line, so edits elsewhere do not bring it back. Each
/// record silences one occurrence: a second occurrence of the same rule in the same entry is reported.
/// </summary>
public sealed class Baseline
{
    private readonly List<BaselineEntryJson> _entries;

    private Baseline(List<BaselineEntryJson> entries) => _entries = entries;

    /// <summary>A baseline that silences nothing.</summary>
    public static Baseline Empty { get; } = new([]);

    /// <summary>The number of problems recorded.</summary>
    public int Count => _entries.Count;

    /// <summary>Records every finding of a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="fileKey">Turns a document path into the form stored (relative to the baseline's folder).</param>
    /// <returns>The baseline.</returns>
    public static Baseline Create(ValidationReport report, Func<string?, string> fileKey)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(fileKey);
        var entries = new List<BaselineEntryJson>();
        foreach (var file in report.Files)
        {
            var path = fileKey(file.Source.Path);
            foreach (var f in file.Findings)
            {
                entries.Add(new BaselineEntryJson { Rule = f.Rule.Id, File = path, Key = KeyOf(file.Source, f.Diagnostic), Message = f.Diagnostic.Message });
            }
        }

        entries.Sort((a, b) => (string.CompareOrdinal(a.File, b.File), string.CompareOrdinal(a.Key, b.Key), string.CompareOrdinal(a.Rule, b.Rule)) switch
        {
            (not 0 and var c, _, _) => c,
            (_, not 0 and var c, _) => c,
            (_, _, var c) => c,
        });
        return new Baseline(entries);
    }

    /// <summary>Parses a baseline file's JSON.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="baseline">The baseline when valid.</param>
    /// <param name="error">Why it is not valid.</param>
    /// <returns>Whether the JSON is a baseline.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out Baseline? baseline, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        baseline = null;
        try
        {
            var model = JsonSerializer.Deserialize(json, ValidationJsonContext.Default.BaselineJson);
            if (model is null || model.Version != 1)
            {
                error = "not a PaperDigest baseline (expected an object with \"version\": 1 and \"entries\").";
                return false;
            }

            baseline = new Baseline(model.Entries.Where(e => e.Rule.Length > 0).ToList());
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The baseline as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new BaselineJson { Version = 1, Entries = _entries }, ValidationJsonContext.Default.BaselineJson) + "\n";

    /// <summary>Drops the findings recorded in the baseline, one occurrence per record.</summary>
    /// <param name="report">The report.</param>
    /// <param name="fileKey">Turns a document path into the stored form, as for <see cref="Create"/>.</param>
    /// <returns>The report without the known problems.</returns>
    public ValidationReport Filter(ValidationReport report, Func<string?, string> fileKey)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(fileKey);
        if (_entries.Count == 0)
        {
            return report;
        }

        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in _entries)
        {
            var k = MatchKey(e.Rule, e.Key, e.File);
            remaining[k] = remaining.GetValueOrDefault(k) + 1;
        }

        return report.Where((file, f) =>
        {
            var k = MatchKey(f.Rule.Id, KeyOf(file.Source, f.Diagnostic), fileKey(file.Source.Path));
            if (remaining.TryGetValue(k, out var n) && n > 0)
            {
                remaining[k] = n - 1;
                return false;
            }

            return true;
        });
    }

    /// <summary>
    /// The file key of a baseline stored at <paramref name="baselinePath"/>: a document's path relative to the baseline's
    /// folder, with <c>/</c> separators, so the baseline works from any current folder and on any system; <c>-</c> for
    /// standard input (a <see langword="null"/> path).
    /// </summary>
    /// <param name="baselinePath">The baseline file's path.</param>
    /// <returns>The function to pass to <see cref="Create"/> and <see cref="Filter"/>.</returns>
    public static Func<string?, string> FileKeys(string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(baselinePath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(baselinePath)) ?? ".";
        return p => p is null or "-" ? "-" : Path.GetRelativePath(dir, Path.GetFullPath(p)).Replace('\\', '/');
    }

    /// <summary>
    /// The entry key of a diagnostic: <c>arxiv:ID</c> for an entry with an arXiv identifier, <c>title:TITLE</c> for one
    /// without, <c>file</c> for a problem outside any entry.
    /// </summary>
    /// <param name="source">The document.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(DigestSource source, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.ArxivId is { Length: > 0 } id)
        {
            return "arxiv:" + id;
        }

        return source.EntryKeyAt(diagnostic.Span.StartOffset) ?? "file";
    }

    /// <summary>The key of an entry: <c>arxiv:ID</c>, else <c>title:TITLE</c> (lower case); <see langword="null"/> for no entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The key.</returns>
    public static string? EntryKey(DigestEntry? entry) => entry is null ? null
        : entry.ArxivId is { } a ? "arxiv:" + a.Value : "title:" + entry.Title.ToLowerInvariant();

    // arXiv keys identify a paper wherever it is; other keys are only meaningful within their file.
    private static string MatchKey(string rule, string key, string file)
        => key.StartsWith("arxiv:", StringComparison.Ordinal) ? $"{rule}|{key}" : $"{rule}|{key}|{file}";
}
