using System.CommandLine;
using PaperDigest.Archive;
using PaperDigest.Cli.Input;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Commands;

/// <summary>What <c>index</c>, <c>search</c> and <c>report</c> share: the database option, the cache, the file list and the run.</summary>
internal static class ArchiveOptions
{
    public const string DefaultDatabase = "paperdigest.db";

    public static Option<string> Database(bool withDefault, bool create = true) => new("--db")
    {
        Description = !withDefault
            ? "Also keep the index in this database file (updated incrementally); without it the report indexes in memory."
            : create
                ? $"The index database (SQLite), created if absent (default: {DefaultDatabase} in the current folder)."
                : $"The index database built by 'paperdigest index' (default: {DefaultDatabase} in the current folder).",
        DefaultValueFactory = withDefault ? _ => DefaultDatabase : null,
        HelpName = "file",
    };

    public static Option<string?> Cache() => new("--cache")
    {
        Description = "The enrichment cache to copy arXiv metadata and repository facts from; nothing is fetched (default: the enrich command's cache, when it exists).",
        HelpName = "path",
    };

    public static Option<bool> NoCache() => new("--no-cache") { Description = "Do not read the enrichment cache." };

    public static string Resolve(CliContext context, string path) => Path.Combine(context.CurrentDirectory, path);

    /// <summary>The files of the archive (directories walked for *.md), or null after reporting why there are none to use.</summary>
    public static List<string>? Files(string[] inputs, TextWriter stderr, ref bool failed)
    {
        var items = InputResolver.Resolve(inputs, stderr, ref failed);
        if (items.Any(i => i.IsStdin))
        {
            stderr.WriteLine("-: error: standard input cannot be indexed; give files or directories");
            failed = true;
        }

        return items.Where(i => !i.IsStdin).Select(i => i.Path).ToList();
    }

    /// <summary>The cache to read, or null: --no-cache, or no --cache and no default cache file on disk.</summary>
    public static IEnrichmentCache? OpenCache(CliContext context, string? cache, bool noCache, TextWriter stderr)
    {
        if (noCache)
        {
            return null;
        }

        var path = cache is not null ? Resolve(context, cache) : EnrichmentCacheFile.DefaultPath(context.GetEnvironmentVariable);
        if (path is null || !File.Exists(path))
        {
            if (cache is not null)
            {
                stderr.WriteLine($"{cache}: warning: no enrichment cache there; indexing without arXiv and repository facts");
            }

            return null;
        }

        return EnrichmentCacheFile.Open(path, message => stderr.WriteLine($"warning: {message}"));
    }

    /// <summary>Indexes the files and reports unreadable ones; returns the summary.</summary>
    public static async Task<IndexSummary> IndexAsync(ArchiveIndex index, List<string> files, IEnrichmentCache? cache, string layout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var summary = await index.IndexAsync(
            files,
            new ArchiveIndexOptions { Parser = new DigestParser(new DigestParserOptions { Layout = layout, ReadConfiguration = true }), EnrichmentCache = cache },
            cancellationToken).ConfigureAwait(false);
        foreach (var f in summary.Failed)
        {
            await stderr.WriteLineAsync($"{f.Path}: error: cannot read: {f.Error}").ConfigureAwait(false);
        }

        return summary;
    }
}
