using System.Text.Encodings.Web;
using System.Text.Json;
using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Output;

/// <summary>The <c>json</c> format: a summary and every diagnostic with its rule and exact span.</summary>
internal static class JsonReportWriter
{
    /// <summary>The JSON Schema of this output (docs/schemas/validate.schema.json), written as its <c>$schema</c>.</summary>
    public const string SchemaUri = "https://raw.githubusercontent.com/paperdigest/paperdigest/main/docs/schemas/validate.schema.json";

    public static async Task WriteAsync(ValidationReport report, Stream stream, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteNumber("version", 1);
        w.WriteStartObject("summary");
        w.WriteNumber("files", report.Files.Count);
        w.WriteNumber("errors", report.Count(DiagnosticSeverity.Error));
        w.WriteNumber("warnings", report.Count(DiagnosticSeverity.Warning));
        w.WriteNumber("infos", report.Count(DiagnosticSeverity.Info));
        w.WriteEndObject();
        w.WriteStartArray("diagnostics");
        foreach (var f in report.Findings)
        {
            var d = f.Diagnostic;
            w.WriteStartObject();
            w.WriteString("path", d.Path ?? "-");
            w.WriteString("ruleId", f.Rule.Id);
            w.WriteString("ruleName", f.Rule.Name);
            w.WriteString("severity", Diagnostic.SeverityName(d.Severity));
            w.WriteString("message", d.Message);
            if (d.ArxivId is not null)
            {
                w.WriteString("arxivId", d.ArxivId);
            }
            else
            {
                w.WriteNull("arxivId");
            }

            w.WriteBoolean("fixable", f.Fix.Count > 0);
            w.WriteStartObject("span");
            w.WriteNumber("startLine", d.Span.StartLine);
            w.WriteNumber("startColumn", d.Span.StartColumn);
            w.WriteNumber("endLine", d.Span.EndLine);
            w.WriteNumber("endColumn", d.Span.EndColumn);
            w.WriteNumber("startOffset", d.Span.StartOffset);
            w.WriteNumber("endOffset", d.Span.EndOffset);
            w.WriteEndObject();
            w.WriteString("helpUri", f.Rule.HelpUri.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
