using System.CommandLine;
using PaperDigest.Archive;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest index</c>: builds or updates the searchable SQLite index of an archive.</summary>
internal static class IndexCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        inputs.Description = "Digest files and directories (walked for *.md): the whole archive. Files indexed earlier and not given now are removed.";
        var db = ArchiveOptions.Database(withDefault: true);
        var cache = ArchiveOptions.Cache();
        var noCache = ArchiveOptions.NoCache();
        var layout = CommonOptions.Layout();
        var quiet = CommonOptions.Quiet();
        quiet.Description = "Do not print the summary line (unreadable files are still reported).";
        var command = new Command("index", """
            Build or update a searchable SQLite index of an archive, in one transaction: unchanged files are skipped,
            changed files replaced, files no longer given removed. An interrupted run leaves the previous index intact.

            Examples:
              paperdigest index digests/
              paperdigest index --db archive.db digests/ && paperdigest search --db archive.db "speculative decoding"
            """)
        {
            inputs, db, cache, noCache, layout, quiet,
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

            var dbPath = parseResult.GetValue(db) ?? ArchiveOptions.DefaultDatabase;
            try
            {
                var enrichment = ArchiveOptions.OpenCache(context, parseResult.GetValue(cache), parseResult.GetValue(noCache), stderr);
                using var index = ArchiveIndex.Open(ArchiveOptions.Resolve(context, dbPath));
                var summary = await ArchiveOptions.IndexAsync(index, files!, enrichment, parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout, stderr, cancellationToken).ConfigureAwait(false);
                if (!parseResult.GetValue(quiet))
                {
                    await stdout.WriteLineAsync(
                        $"{dbPath}: {summary.Added} added, {summary.Changed} changed, {summary.Unchanged} unchanged, {summary.Removed} removed"
                        + (summary.Failed.Count > 0 ? $", {summary.Failed.Count} unreadable" : "")
                        + $"; {summary.EntriesWritten} entries written, {summary.Documents} files and {summary.Entries} entries in the index"
                        + (enrichment is not null ? $"; {summary.EnrichedRecords} papers and repositories from the enrichment cache" : "")).ConfigureAwait(false);
                }

                return failed || summary.Failed.Count > 0 ? ExitCodes.UsageOrIoError : ExitCodes.Success;
            }
            catch (ArchiveIndexException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await stderr.WriteLineAsync($"{dbPath}: error: cannot write the index: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
        });
        return command;
    }
}
