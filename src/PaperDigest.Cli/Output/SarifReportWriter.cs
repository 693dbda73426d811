using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Output;

/// <summary>
/// The <c>sarif</c> format: SARIF 2.1.0 as GitHub code scanning accepts it. Regions use UTF-16 columns with an exclusive
/// end; partial fingerprints are computed from the rule, the file, the entry and the flagged text (never the line), so
/// they stay stable when lines move.
/// </summary>
internal static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string InformationUri = "https://github.com/paperdigest/paperdigest";
    public const string FingerprintKey = "paperdigestEntryHash/v1";

    public static async Task WriteAsync(ValidationReport report, Stream stream, ReportPaths paths, string toolVersion, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "PaperDigest");
        w.WriteString("version", toolVersion);
        w.WriteString("semanticVersion", toolVersion);
        w.WriteString("informationUri", InformationUri);
        w.WriteStartArray("rules");
        foreach (var r in report.Rules)
        {
            ruleIndex[r.Id] = ruleIndex.Count;
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("name", r.Name);
            WriteText(w, "shortDescription", r.Description);
            WriteText(w, "fullDescription", r.Rationale.Length > 0 ? $"{r.Description} {r.Rationale}" : r.Description);
            w.WriteStartObject("help");
            w.WriteString("text", $"{r.Description} {r.Rationale} Fixable: {(r.IsFixable ? "yes (paperdigest validate --fix)" : "no")}. See {r.HelpUri}".Replace("  ", " ", StringComparison.Ordinal));
            w.WriteString("markdown", $"{r.Description}\n\n{r.Rationale}\n\n[{r.Id} {r.Name}]({r.HelpUri})");
            w.WriteEndObject();
            w.WriteString("helpUri", r.HelpUri.ToString());
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(r.DefaultSeverity));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            w.WriteStringValue("paperdigest");
            w.WriteStringValue(r.IsFixable ? "fixable" : "manual");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteString("columnKind", "utf16CodeUnits");
        w.WriteStartArray("results");
        foreach (var file in report.Files)
        {
            var rel = paths.RepoRelative(file.Source.Path);
            var uri = ReportPaths.ToUri(rel);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in file.Findings)
            {
                var d = f.Diagnostic;
                var s = d.Span;
                w.WriteStartObject();
                w.WriteString("ruleId", f.Rule.Id);
                if (ruleIndex.TryGetValue(f.Rule.Id, out var idx))
                {
                    w.WriteNumber("ruleIndex", idx);
                }

                w.WriteString("level", Level(d.Severity));
                WriteText(w, "message", d.Message);
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", uri);
                w.WriteString("uriBaseId", "%SRCROOT%");
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", Math.Max(1, s.StartLine));
                w.WriteNumber("startColumn", Math.Max(1, s.StartColumn));
                w.WriteNumber("endLine", Math.Max(s.StartLine, s.EndLine));
                w.WriteNumber("endColumn", Math.Max(1, s.EndColumn));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("partialFingerprints");
                w.WriteString(FingerprintKey, Fingerprint(file.Source, f, rel, seen));
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A hash of the rule, the repository-relative path, the entry key and the flagged text (whitespace collapsed), plus an
    /// ordinal among identical findings: no line numbers, so moving an entry keeps its fingerprint.
    /// </summary>
    public static string Fingerprint(DigestSource source, ValidationFinding f, string relativePath, Dictionary<string, int> seen)
    {
        var flagged = string.Join(' ', source.TextOf(f.Diagnostic.Span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var basis = $"{f.Rule.Id}\0{relativePath}\0{Baseline.KeyOf(source, f.Diagnostic)}\0{flagged}";
        var ordinal = seen.GetValueOrDefault(basis);
        seen[basis] = ordinal + 1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{basis}\0{ordinal}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static void WriteText(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
