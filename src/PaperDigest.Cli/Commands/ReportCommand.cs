using System.CommandLine;
using PaperDigest.Archive;
using PaperDigest.Cli.Output;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest report</c>: a self-contained HTML page (or a Markdown summary) of an archive.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        inputs.Description = "Digest files and directories (walked for *.md): the archive to report on.";
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (through a temporary file and a rename) instead of standard output.", HelpName = "file" };
        var format = new Option<string>("--format", "-f") { Description = "html (one self-contained page, charts as inline SVG) or md (a plain Markdown summary, e.g. for $GITHUB_STEP_SUMMARY).", DefaultValueFactory = _ => "html", HelpName = "html|md" };
        format.AcceptOnlyFromAmong("html", "md");
        var title = new Option<string>("--title") { Description = "The report's title.", DefaultValueFactory = _ => "Digest archive report", HelpName = "text" };
        var db = ArchiveOptions.Database(withDefault: false);
        var cache = ArchiveOptions.Cache();
        var noCache = ArchiveOptions.NoCache();
        var layout = CommonOptions.Layout();
        var command = new Command("report", """
            Report on an archive: papers per week, entries per file and layout, the most-linked GitHub repositories
            (with stars when enriched), duplicates across the archive and every error, as one HTML page that needs no
            network to view, or as Markdown.

            Examples:
              paperdigest report digests/ -o report.html
              paperdigest report digests/ --format md >> "$GITHUB_STEP_SUMMARY"
            """)
        {
            inputs, output, format, title, db, cache, noCache, layout,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var failed = false;
            var files = ArchiveOptions.Files(parseResult.GetValue(inputs) ?? [], stderr, ref failed);
            if (failed && files is { Count: 0 })
            {
                return ExitCodes.UsageOrIoError;
            }

            var outPath = parseResult.GetValue(output);
            var dbPath = parseResult.GetValue(db);
            string rendered;
            try
            {
                var enrichment = ArchiveOptions.OpenCache(context, parseResult.GetValue(cache), parseResult.GetValue(noCache), stderr);
                using var index = dbPath is null ? ArchiveIndex.OpenInMemory() : ArchiveIndex.Open(ArchiveOptions.Resolve(context, dbPath));
                var summary = await ArchiveOptions.IndexAsync(index, files!, enrichment, parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout, stderr, cancellationToken).ConfigureAwait(false);
                failed |= summary.Failed.Count > 0;
                var report = index.BuildReport();
                var options = new ReportRenderOptions
                {
                    Title = parseResult.GetValue(title) ?? "Digest archive report",
                    OutputDirectory = outPath is null ? context.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(ArchiveOptions.Resolve(context, outPath))),
                };
                rendered = parseResult.GetValue(format) == "md" ? ReportRenderer.Markdown(report, options) : ReportRenderer.Html(report, options);
            }
            catch (ArchiveIndexException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await stderr.WriteLineAsync($"{dbPath ?? "index"}: error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            if (outPath is null)
            {
                await stdout.WriteAsync(rendered).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    var full = Path.GetFullPath(ArchiveOptions.Resolve(context, outPath));
                    Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
                    await AtomicFile.WriteAllTextAsync(full, rendered, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await stderr.WriteLineAsync($"{outPath}: error: cannot write the report: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.UsageOrIoError;
                }
            }

            return failed ? ExitCodes.UsageOrIoError : ExitCodes.Success;
        });
        return command;
    }
}
