using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Output;

/// <summary>The <c>text</c> format: <c>path:line:col: severity PDnnnn/name: message</c>, then a summary line.</summary>
internal static class TextReportWriter
{
    public static string Line(ValidationFinding f)
    {
        var d = f.Diagnostic;
        return $"{d.Path ?? "-"}:{d.Span.StartLine}:{d.Span.StartColumn}: {Diagnostic.SeverityName(d.Severity)} {f.Rule.Id}/{f.Rule.Name}: {Input.DocumentReader.OneLine(d.Message)}";
    }

    public static string Summary(ValidationReport report)
    {
        var e = report.Count(DiagnosticSeverity.Error);
        var w = report.Count(DiagnosticSeverity.Warning);
        var i = report.Count(DiagnosticSeverity.Info);
        var files = report.Files.Count;
        return $"{Plural(e, "error")}, {Plural(w, "warning")}, {Plural(i, "info")} in {Plural(files, "file")}.";
    }

    public static async Task WriteAsync(ValidationReport report, TextWriter writer)
    {
        foreach (var f in report.Findings)
        {
            await writer.WriteLineAsync(Line(f)).ConfigureAwait(false);
        }

        await writer.WriteLineAsync(Summary(report)).ConfigureAwait(false);
    }

    internal static string Plural(int n, string noun) => n == 1 || noun == "info" ? $"{n} {noun}" : $"{n} {noun}s";
}
