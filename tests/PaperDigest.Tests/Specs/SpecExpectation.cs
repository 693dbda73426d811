using System.Text.Json.Nodes;
using PaperDigest.Model;
using PaperDigest.Serialization;

namespace PaperDigest.Tests.Specs;

/// <summary>
/// Checks a parsed document against an expected JSON file. Every property present in the expected file is compared; the
/// entry count and the diagnostics (id, severity, line, column, in order) are always compared in full.
/// </summary>
public static class SpecExpectation
{
    public static void Check(DigestDocument doc, JsonNode expected, string caseName)
    {
        var problems = new List<string>();
        if (expected["preamble"] is { } preamble)
        {
            Compare(problems, "preamble", preamble.GetValue<string>(), doc.Preamble);
        }

        if (expected["layout"] is { } layout)
        {
            Compare(problems, "layout", layout.GetValue<string>(), doc.Layout);
        }

        var entries = expected["entries"]?.AsArray() ?? [];
        Compare(problems, "entries.count", entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), doc.Entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < Math.Min(entries.Count, doc.Entries.Count); i++)
        {
            CheckEntry(problems, $"entries[{i}]", entries[i]!.AsObject(), doc.Entries[i], doc.Path);
        }

        var diagnostics = expected["diagnostics"]?.AsArray() ?? [];
        var expectedDiagnostics = diagnostics.Select(d => $"{d!["id"]} {d["severity"]} {d["line"]}:{d["column"]}").ToList();
        var actualDiagnostics = doc.Diagnostics.Select(d => $"{d.Id} {Diagnostic.SeverityName(d.Severity)} {d.Span.StartLine}:{d.Span.StartColumn}").ToList();
        if (!expectedDiagnostics.SequenceEqual(actualDiagnostics))
        {
            problems.Add($"diagnostics: expected [{string.Join("; ", expectedDiagnostics)}] but got [{string.Join("; ", doc.Diagnostics)}]");
        }

        for (var i = 0; i < Math.Min(diagnostics.Count, doc.Diagnostics.Count); i++)
        {
            if (diagnostics[i]!["messageContains"] is { } fragment && !doc.Diagnostics[i].Message.Contains(fragment.GetValue<string>(), StringComparison.Ordinal))
            {
                problems.Add($"diagnostics[{i}].message: expected to contain '{fragment}' but was '{doc.Diagnostics[i].Message}'");
            }
        }

        problems.Should().BeEmpty($"spec '{caseName}' should match its expected.json");
    }

    private static void CheckEntry(List<string> problems, string where, JsonObject expected, DigestEntry entry, string? path)
    {
        var json = EntryJson.From(entry, path);
        foreach (var (name, value) in expected)
        {
            switch (name)
            {
                case "title": Compare(problems, $"{where}.title", Str(value), json.Title); break;
                case "translatedTitle": Compare(problems, $"{where}.translatedTitle", Str(value), json.TranslatedTitle); break;
                case "arxivId": Compare(problems, $"{where}.arxivId", Str(value), json.ArxivId); break;
                case "arxivVersion": Compare(problems, $"{where}.arxivVersion", value?.ToJsonString() ?? "null", json.ArxivVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"); break;
                case "url": Compare(problems, $"{where}.url", Str(value), json.Url); break;
                case "abstract": Compare(problems, $"{where}.abstract", Str(value), json.Abstract); break;
                case "abstractMarkdown": Compare(problems, $"{where}.abstractMarkdown", Str(value), json.AbstractMarkdown); break;
                case "source":
                    var s = value!.AsObject();
                    foreach (var (field, v) in s)
                    {
                        var actual = field switch
                        {
                            "line" => json.Source.Line,
                            "column" => json.Source.Column,
                            "endLine" => json.Source.EndLine,
                            "endColumn" => json.Source.EndColumn,
                            _ => throw new InvalidOperationException($"Unknown source field '{field}' in {where}."),
                        };
                        Compare(problems, $"{where}.source.{field}", v!.ToJsonString(), actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                case "links":
                    var links = value!.AsArray();
                    Compare(problems, $"{where}.links.count", links.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), json.Links.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    for (var k = 0; k < Math.Min(links.Count, json.Links.Count); k++)
                    {
                        var l = links[k]!.AsObject();
                        var a = json.Links[k];
                        Compare(problems, $"{where}.links[{k}].url", Str(l["url"]), a.Url);
                        Compare(problems, $"{where}.links[{k}].kind", Str(l["kind"]), a.Kind);
                        Compare(problems, $"{where}.links[{k}].owner", Str(l["owner"]), a.Owner);
                        Compare(problems, $"{where}.links[{k}].repo", Str(l["repo"]), a.Repo);
                        if (l["repaired"] is { } repaired)
                        {
                            Compare(problems, $"{where}.links[{k}].repaired", repaired.ToJsonString(), a.Repaired ? "true" : "false");
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown expected field '{name}' in {where}.");
            }
        }
    }

    private static string? Str(JsonNode? node) => node?.GetValue<string>();

    private static void Compare(List<string> problems, string where, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{where}: expected {Show(expected)} but was {Show(actual)}");
        }
    }

    private static string Show(string? s) => s is null ? "null" : "\"" + s.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
