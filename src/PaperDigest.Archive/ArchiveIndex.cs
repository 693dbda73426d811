using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PaperDigest.Model;

namespace PaperDigest.Archive;

/// <summary>
/// A searchable SQLite index of a digest archive: documents, entries, links, diagnostics and, from the enrichment cache,
/// arXiv metadata and repository facts, with a full-text table over titles and abstracts. One instance holds one
/// connection; use it from one thread at a time. The schema is in docs/archive.md.
/// </summary>
public sealed class ArchiveIndex : IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private readonly SqliteConnection _connection;

    private ArchiveIndex(SqliteConnection connection, string path, SearchTokenizer tokenizer)
    {
        _connection = connection;
        FilePath = path;
        Tokenizer = tokenizer;
    }

    /// <summary>The schema version this build reads and writes (SQLite's <c>user_version</c>).</summary>
    public static int SchemaVersion => ArchiveSchema.Version;

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>How the full-text table splits text, as chosen when the index was created.</summary>
    public SearchTokenizer Tokenizer { get; }

    /// <summary>
    /// Opens an index file, creating it (and its folder) when absent and migrating an older schema. The tokenizer applies
    /// only to a new file; an existing one keeps its own.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="tokenizer">The full-text tokenizer of a new index.</param>
    /// <returns>The open index.</returns>
    /// <exception cref="ArchiveIndexException">The file is not a PaperDigest index, is newer, or is damaged.</exception>
    public static ArchiveIndex Open(string path, SearchTokenizer tokenizer = SearchTokenizer.WordsAndCjkCharacters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        return OpenCore(full, SqliteOpenMode.ReadWriteCreate, path, tokenizer);
    }

    /// <summary>Opens an index file that must already exist (for searching).</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The open index.</returns>
    /// <exception cref="ArchiveIndexException">The file is missing, not a PaperDigest index, newer, or damaged.</exception>
    public static ArchiveIndex OpenExisting(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ArchiveIndexException($"{path}: no index there; build one with 'paperdigest index ARCHIVE --db {path}'");
        }

        return OpenCore(full, SqliteOpenMode.ReadWrite, path, SearchTokenizer.WordsAndCjkCharacters);
    }

    /// <summary>An index in memory, gone when disposed (for one-off reports).</summary>
    /// <param name="tokenizer">The full-text tokenizer.</param>
    /// <returns>The open index.</returns>
    public static ArchiveIndex OpenInMemory(SearchTokenizer tokenizer = SearchTokenizer.WordsAndCjkCharacters)
        => OpenCore(":memory:", SqliteOpenMode.Memory, ":memory:", tokenizer);

    private static ArchiveIndex OpenCore(string dataSource, SqliteOpenMode mode, string shownPath, SearchTokenizer tokenizer)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = dataSource,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            ArchiveSchema.Execute(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
            if (mode != SqliteOpenMode.Memory)
            {
                // Reads through a memory map: a warm search of a common term reads its full-text pages without copying them
                // out of the file cache page by page (measured in docs/performance.md).
                ArchiveSchema.Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 268435456;");
            }

            var actual = ArchiveSchema.Ensure(connection, shownPath, tokenizer);
            return new ArchiveIndex(connection, shownPath, actual);
        }
        catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xff) is SqliteCorrupt or SqliteNotADatabase)
        {
            connection.Dispose();
            throw new ArchiveIndexException($"{shownPath}: not a PaperDigest index, or damaged ({ex.Message}); give another --db file or delete this one", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal SqliteConnection Connection => _connection;

    /// <summary>
    /// Brings the index up to date with an archive, in one transaction: files whose content hash is unchanged are skipped,
    /// changed files replaced, new files added, and documents not among <paramref name="files"/> removed. A run that is
    /// cancelled or fails leaves the previous index as it was. A file that cannot be read is reported and keeps its earlier rows.
    /// </summary>
    /// <param name="files">Every file of the archive (the index mirrors this set).</param>
    /// <param name="options">How to read the files; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run (nothing is committed).</param>
    /// <returns>What the run did.</returns>
    public async Task<IndexSummary> IndexAsync(IReadOnlyList<string> files, ArchiveIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new ArchiveIndexOptions();
        var known = new Dictionary<string, (long Id, string Hash)>(StringComparer.Ordinal);
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, path, hash FROM documents";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                known[reader.GetString(1)] = (reader.GetInt64(0), reader.GetString(2));
            }
        }

        var paths = files.Distinct(StringComparer.Ordinal).ToList();
        var channel = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(Math.Max(8, options.MaxParallelism * 4)) { SingleReader = true });
        using var producerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await Parallel.ForEachAsync(
                        paths.Select((path, i) => (path, i)),
                        new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = producerCancel.Token },
                        async (item, ct) =>
                        {
                            var prepared = await PrepareAsync(item.path, known, options, Tokenizer, ct).ConfigureAwait(false) with { Order = item.i };
                            await channel.Writer.WriteAsync(prepared, ct).ConfigureAwait(false);
                        }).ConfigureAwait(false);
                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var failed = new List<IndexedFile>();
        int added = 0, changed = 0, unchanged = 0, removed = 0, entriesWritten = 0, enriched = 0;
        var transaction = _connection.BeginTransaction();
        try
        {
            using var writer = new RowWriter(_connection, transaction);
            // Files are parsed in parallel but written in the order given, so that row ids follow the archive's order.
            var pending = new Dictionary<int, Prepared>();
            var next = 0;
            await foreach (var arrived in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                pending.Add(arrived.Order, arrived);
                while (pending.Remove(next, out var item))
                {
                    next++;
                    seen.Add(item.Path);
                    IndexedFile result;
                    if (item.Error is not null)
                    {
                        result = new IndexedFile(item.Path, IndexedFileState.Failed, 0, item.Error);
                        failed.Add(result);
                    }
                    else if (item.Document is null)
                    {
                        result = new IndexedFile(item.Path, IndexedFileState.Unchanged, 0);
                        unchanged++;
                    }
                    else
                    {
                        var existed = known.TryGetValue(item.Path, out var old);
                        if (existed)
                        {
                            writer.DeleteDocument(old.Id);
                        }

                        writer.WriteDocument(item);
                        entriesWritten += item.Document.Entries.Count;
                        result = new IndexedFile(item.Path, existed ? IndexedFileState.Changed : IndexedFileState.Added, item.Document.Entries.Count);
                        if (existed)
                        {
                            changed++;
                        }
                        else
                        {
                            added++;
                        }
                    }

                    options.FileIndexed?.Invoke(result);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            await producer.ConfigureAwait(false);
            writer.FlushFullText();
            foreach (var (path, (id, _)) in known)
            {
                if (!seen.Contains(path))
                {
                    writer.DeleteDocument(id);
                    removed++;
                }
            }

            if (options.EnrichmentCache is { } cache)
            {
                enriched = await EnrichmentCopy.CopyAsync(_connection, transaction, cache, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        }
        catch
        {
            await producerCancel.CancelAsync().ConfigureAwait(false);
            transaction.Rollback();
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            throw;
        }
        finally
        {
            transaction.Dispose();
        }

        return new IndexSummary
        {
            Added = added,
            Changed = changed,
            Unchanged = unchanged,
            Removed = removed,
            Failed = failed,
            EntriesWritten = entriesWritten,
            Documents = Count("SELECT count(*) FROM documents"),
            Entries = Count("SELECT count(*) FROM entries"),
            EnrichedRecords = enriched,
        };
    }

    /// <summary>Finds entries by full-text query with field filters (syntax in docs/archive.md), best first by bm25.</summary>
    /// <param name="query">The query, such as <c>speculative decoding date:2025-01..2025-03</c> or <c>推测解码</c>.</param>
    /// <param name="limit">At most this many hits.</param>
    /// <returns>The hits, best first.</returns>
    /// <exception cref="FormatException">The query is malformed (an empty filter, a bad date); the message says what.</exception>
    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ArchiveSearcher.Search(_connection, Tokenizer, SearchQuery.Parse(query), limit);
    }

    /// <summary>Reads the report of the whole index: papers per week, entries per file and layout, repositories, duplicates, errors.</summary>
    /// <param name="topRepositories">How many of the most-linked repositories to list.</param>
    /// <returns>The report.</returns>
    public ArchiveReport BuildReport(int topRepositories = 20) => ReportBuilder.Build(_connection, topRepositories);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private int Count(string sql) => Convert.ToInt32(ArchiveSchema.Scalar(_connection, sql), CultureInfo.InvariantCulture);

    private static async Task<Prepared> PrepareAsync(string path, Dictionary<string, (long Id, string Hash)> known, ArchiveIndexOptions options, SearchTokenizer tokenizer, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > options.Parser.Options.MaxFileBytes)
            {
                return new Prepared(path, null, "", 0, null, null, $"larger than {options.Parser.Options.MaxFileBytes} bytes");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Prepared(path, null, "", 0, null, null, ex.Message);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (known.TryGetValue(path, out var old) && old.Hash == hash)
        {
            return new Prepared(path, null, hash, bytes.Length, null, null, null);
        }

        var document = options.Parser.Parse(bytes, path);
        var date = DocumentDates.Find(path, document.Preamble);
        var fts = new (string Title, string Abstract)[document.Entries.Count];
        for (var i = 0; i < fts.Length; i++)
        {
            fts[i] = FtsText.For(document.Entries[i], tokenizer);
        }

        return new Prepared(path, document, hash, bytes.Length, date, fts, null);
    }

    internal sealed record Prepared(string Path, DigestDocument? Document, string Hash, long Size, DateOnly? Date, (string Title, string Abstract)[]? Fts, string? Error)
    {
        public int Order { get; init; }
    }
}
