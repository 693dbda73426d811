using System.Globalization;
using System.Text;
using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Output;

/// <summary>
/// The <c>github</c> format: workflow commands (<c>::error file=…,line=…::message</c>) that GitHub Actions shows as
/// annotations. GitHub shows 10 annotations per level per step, so only the first 10 of each level are commands; the rest
/// are printed as plain lines, and the full list goes to <c>$GITHUB_STEP_SUMMARY</c> as a Markdown table when that is set.
/// </summary>
internal static class GitHubReportWriter
{
    public const int AnnotationsPerLevel = 10;

    public static async Task WriteAsync(ValidationReport report, TextWriter writer, ReportPaths paths, string? stepSummaryPath, CancellationToken cancellationToken)
    {
        var shown = new Dictionary<DiagnosticSeverity, int>();
        var hidden = new Dictionary<DiagnosticSeverity, int>();
        foreach (var f in report.Findings)
        {
            var sev = f.Diagnostic.Severity;
            var n = shown.GetValueOrDefault(sev);
            if (n < AnnotationsPerLevel)
            {
                shown[sev] = n + 1;
                await writer.WriteLineAsync(Command(f, paths.RepoRelative(f.Diagnostic.Path))).ConfigureAwait(false);
            }
            else
            {
                hidden[sev] = hidden.GetValueOrDefault(sev) + 1;
                await writer.WriteLineAsync(TextReportWriter.Line(f)).ConfigureAwait(false);
            }
        }

        foreach (var (sev, count) in hidden.OrderByDescending(kv => kv.Key))
        {
            var where = stepSummaryPath is null ? "above" : "above and in the step summary";
            await writer.WriteLineAsync($"{count} more {Level(sev)} finding{(count == 1 ? "" : "s")} than GitHub shows as annotations; all are listed {where}.").ConfigureAwait(false);
        }

        await writer.WriteLineAsync(TextReportWriter.Summary(report)).ConfigureAwait(false);
        if (stepSummaryPath is not null)
        {
            await File.AppendAllTextAsync(stepSummaryPath, StepSummary(report, paths), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Command(ValidationFinding f, string file)
    {
        var d = f.Diagnostic;
        var s = d.Span;
        var props = string.Create(CultureInfo.InvariantCulture,
            $"file={EscapeProperty(file)},line={s.StartLine},col={s.StartColumn},endLine={s.EndLine},endColumn={s.EndColumn},title={EscapeProperty(f.Rule.Id)}");
        return $"::{Level(d.Severity)} {props}::{EscapeData($"{f.Rule.Name}: {d.Message}")}";
    }

    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>Escapes a workflow command's message: <c>%</c>, CR and LF.</summary>
    public static string EscapeData(string value)
        => value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a workflow command's property value: as data, plus <c>:</c> and <c>,</c>.</summary>
    public static string EscapeProperty(string value)
        => EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    public static string StepSummary(ValidationReport report, ReportPaths paths)
    {
        var sb = new StringBuilder();
        sb.Append("## PaperDigest validation\n\n").Append(TextReportWriter.Summary(report)).Append("\n\n");
        if (!report.Findings.Any())
        {
            return sb.Append("No problems found.\n\n").ToString();
        }

        sb.Append("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
        foreach (var f in report.Findings)
        {
            var d = f.Diagnostic;
            sb.Append(CultureInfo.InvariantCulture, $"| {Diagnostic.SeverityName(d.Severity)} | [{f.Rule.Id}]({f.Rule.HelpUri}) {Cell(f.Rule.Name)} | {Cell($"{paths.RepoRelative(d.Path)}:{d.Span.StartLine}:{d.Span.StartColumn}")} | {Cell(d.Message)} |\n");
        }

        return sb.Append('\n').ToString();
    }

    private static string Cell(string text)
        => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
