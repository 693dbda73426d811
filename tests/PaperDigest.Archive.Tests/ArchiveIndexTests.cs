using Microsoft.Data.Sqlite;
using PaperDigest.Archive.Tests.Infrastructure;

namespace PaperDigest.Archive.Tests;

/// <summary>The index on a real SQLite file on disk: what it stores, incremental runs, and runs that do not finish.</summary>
public sealed class ArchiveIndexTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void WriteArchive()
    {
        _dir.Write("2025-01-06.md", "# 2025-01-06\n\n"
            + TempFolder.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001", "We study speculative decoding. Code: https://github.com/Example/SpecDec") + "\n"
            + TempFolder.Entry("Sparse Attention Kernels", "稀疏注意力内核", "https://arxiv.org/abs/2501.00002v2"));
        _dir.Write("2025-01-13.md", TempFolder.Entry("Diffusion Models for Audio", "用于音频的扩散模型", "https://arxiv.org/abs/2501.00003"));
        _dir.Write("notes/week.md", TempFolder.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001"));
    }

    private static long Count(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> Column(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    [Fact]
    public async Task Index_NewArchive_WritesDocumentsEntriesLinksAndDiagnosticsToTheFile()
    {
        WriteArchive();
        using (var index = ArchiveIndex.Open(_dir.Database))
        {
            var summary = await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
            summary.Added.Should().Be(3);
            summary.Documents.Should().Be(3);
            summary.Entries.Should().Be(4);
            summary.EntriesWritten.Should().Be(4);
        }

        var db = _dir.Database;
        Count(db, "PRAGMA user_version").Should().Be(ArchiveIndex.SchemaVersion);
        Count(db, "SELECT count(*) FROM documents").Should().Be(3);
        Column(db, "SELECT hash FROM documents ORDER BY path").Should().OnlyContain(h => h.Length == 64);
        Column(db, "SELECT date FROM documents ORDER BY path").Should().Equal("2025-01-06", "2025-01-13", "<null>");
        Column(db, "SELECT layout FROM documents ORDER BY path").Should().OnlyContain(l => l == "heading-link");
        Column(db, "SELECT arxiv_id || ' v' || coalesce(arxiv_version, '-') || ' line ' || start_line FROM entries ORDER BY document_id, ordinal")
            .Should().Equal("2501.00001 v- line 3", "2501.00002 v2 line 8", "2501.00003 v- line 1", "2501.00001 v- line 1");
        Column(db, "SELECT repository FROM links WHERE kind = 'github-repository'").Should().Equal("example/specdec");
        Count(db, "SELECT count(*) FROM entries_fts").Should().Be(4);
    }

    [Fact]
    public async Task Reindex_UnchangedArchive_SkipsEveryFileAndKeepsTheRows()
    {
        WriteArchive();
        using var index = ArchiveIndex.Open(_dir.Database);
        await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
        var ids = Column(_dir.Database, "SELECT id FROM entries ORDER BY id");

        var parsed = new List<string>();
        var summary = await index.IndexAsync(_dir.Files(), new ArchiveIndexOptions { FileIndexed = f => parsed.Add($"{f.State}") }, Ct);

        summary.Unchanged.Should().Be(3);
        summary.Added.Should().Be(0);
        summary.Changed.Should().Be(0);
        summary.EntriesWritten.Should().Be(0);
        parsed.Should().OnlyContain(s => s == "Unchanged");
        Column(_dir.Database, "SELECT id FROM entries ORDER BY id").Should().Equal(ids);
    }

    [Fact]
    public async Task Reindex_ChangedFile_ReplacesItsRowsAndItsSearchText()
    {
        WriteArchive();
        using var index = ArchiveIndex.Open(_dir.Database);
        await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
        index.Search("audio").Should().ContainSingle();

        _dir.Write("2025-01-13.md", TempFolder.Entry("Retrieval for Robotics", "机器人检索", "https://arxiv.org/abs/2501.00009"));
        var summary = await index.IndexAsync(_dir.Files(), cancellationToken: Ct);

        summary.Changed.Should().Be(1);
        summary.Unchanged.Should().Be(2);
        index.Search("audio").Should().BeEmpty();
        index.Search("robotics").Should().ContainSingle().Which.ArxivId.Should().Be("2501.00009");
        Count(_dir.Database, "SELECT count(*) FROM entries").Should().Be(4);
        Count(_dir.Database, "SELECT count(*) FROM entries_fts").Should().Be(4);
    }

    [Fact]
    public async Task Reindex_DeletedFile_RemovesItsDocumentEntriesLinksAndSearchText()
    {
        WriteArchive();
        using var index = ArchiveIndex.Open(_dir.Database);
        await index.IndexAsync(_dir.Files(), cancellationToken: Ct);

        File.Delete(_dir.Path("2025-01-06.md"));
        var summary = await index.IndexAsync(_dir.Files(), cancellationToken: Ct);

        summary.Removed.Should().Be(1);
        summary.Documents.Should().Be(2);
        Count(_dir.Database, "SELECT count(*) FROM links").Should().Be(0);
        Count(_dir.Database, "SELECT count(*) FROM diagnostics WHERE document_id NOT IN (SELECT id FROM documents)").Should().Be(0);
        index.Search("sparse attention").Should().BeEmpty();
        index.Search("speculative").Should().ContainSingle().Which.Path.Should().EndWith("week.md");
    }

    [Fact]
    public async Task Index_FailingPartWay_LeavesThePreviousIndexOnDiskIntact()
    {
        WriteArchive();
        using (var index = ArchiveIndex.Open(_dir.Database))
        {
            await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
        }

        var before = Column(_dir.Database, "SELECT path || ' ' || hash FROM documents ORDER BY path");

        // The second run changes one file, adds one and deletes one, and dies after writing its first file.
        _dir.Write("2025-01-13.md", TempFolder.Entry("Retrieval for Robotics", "机器人检索", "https://arxiv.org/abs/2501.00009"));
        _dir.Write("2025-01-20.md", TempFolder.Entry("Graph Transformers", "图变换器", "https://arxiv.org/abs/2501.00010"));
        File.Delete(_dir.Path("notes/week.md"));
        using (var index = ArchiveIndex.Open(_dir.Database))
        {
            var written = 0;
            var run = () => index.IndexAsync(
                _dir.Files(),
                new ArchiveIndexOptions { MaxParallelism = 1, FileIndexed = f => { if (f.State != IndexedFileState.Unchanged && ++written == 1) throw new IOException("disk gone"); } },
                Ct);
            await run.Should().ThrowAsync<IOException>().WithMessage("disk gone");
            written.Should().Be(1);
        }

        // Read back through a new connection, as the next process would.
        Column(_dir.Database, "SELECT path || ' ' || hash FROM documents ORDER BY path").Should().Equal(before);
        using var reopened = ArchiveIndex.OpenExisting(_dir.Database);
        reopened.Search("audio").Should().ContainSingle();
        reopened.Search("robotics").Should().BeEmpty();
        reopened.Search("graph transformers").Should().BeEmpty();
        Count(_dir.Database, "SELECT count(*) FROM entries_fts").Should().Be(4);
    }

    [Fact]
    public async Task Index_CancelledPartWay_LeavesThePreviousIndexOnDiskIntact()
    {
        WriteArchive();
        using (var index = ArchiveIndex.Open(_dir.Database))
        {
            await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
        }

        var before = Column(_dir.Database, "SELECT path || ' ' || hash FROM documents ORDER BY path");
        foreach (var f in _dir.Files())
        {
            File.AppendAllText(f, "\n" + TempFolder.Entry("Added Later " + Path.GetFileNameWithoutExtension(f), "后来添加", "https://arxiv.org/abs/2502.00001"));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using (var index = ArchiveIndex.Open(_dir.Database))
        {
            var run = () => index.IndexAsync(_dir.Files(), new ArchiveIndexOptions { FileIndexed = _ => cts.Cancel() }, cts.Token);
            await run.Should().ThrowAsync<OperationCanceledException>();
        }

        Column(_dir.Database, "SELECT path || ' ' || hash FROM documents ORDER BY path").Should().Equal(before);
        Count(_dir.Database, "SELECT count(*) FROM entries").Should().Be(4);

        // The next run picks the changes up.
        using var again = ArchiveIndex.Open(_dir.Database);
        var summary = await again.IndexAsync(_dir.Files(), cancellationToken: Ct);
        summary.Changed.Should().Be(3);
        summary.Entries.Should().Be(7);
    }

    [Fact]
    public async Task Index_UnreadableFile_IsReportedAndKeepsItsEarlierRows()
    {
        WriteArchive();
        using var index = ArchiveIndex.Open(_dir.Database);
        await index.IndexAsync(_dir.Files(), cancellationToken: Ct);

        // A path that is now a folder cannot be read as a file.
        var files = _dir.Files();
        File.Delete(files[0]);
        Directory.CreateDirectory(files[0]);
        var summary = await index.IndexAsync(files, cancellationToken: Ct);

        summary.Failed.Should().ContainSingle().Which.Path.Should().Be(files[0]);
        summary.Removed.Should().Be(0);
        summary.Documents.Should().Be(3);
        index.Search("sparse attention").Should().ContainSingle();
    }

    [Fact]
    public async Task Open_Version1Index_RebuildsItsFullTextTableAndSearchesAsBefore()
    {
        WriteArchive();
        using (var index = ArchiveIndex.Open(_dir.Database))
        {
            await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
        }

        // Turn the file into a version 1 index: its tokenizer (unicode61), and text that only a rebuilt table can match as
        // phrases of CJK characters (version 1 set them apart itself; here they are left together).
        using (var connection = new SqliteConnection($"Data Source={_dir.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TRIGGER entries_fts_delete;
                DROP TABLE entries_fts;
                CREATE VIRTUAL TABLE entries_fts USING fts5 (title, abstract, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2');
                CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN DELETE FROM entries_fts WHERE rowid = old.id; END;
                INSERT INTO entries_fts (rowid, title, abstract) SELECT id, title || ' ' || translated_title, abstract FROM entries;
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using (var migrated = ArchiveIndex.Open(_dir.Database))
        {
            migrated.Search("推测解码").Should().HaveCount(2, "the rebuilt table holds each CJK character as a term");
            migrated.Search("speculative decoding").Should().HaveCount(2);
            migrated.Search("SPARSE attention").Should().ContainSingle();
        }

        Count(_dir.Database, "PRAGMA user_version").Should().Be(ArchiveIndex.SchemaVersion);
        Column(_dir.Database, "SELECT sql FROM sqlite_schema WHERE name = 'entries_fts'").Should().ContainSingle().Which.Should().Contain("porter ascii");
        Count(_dir.Database, "SELECT count(*) FROM sqlite_schema WHERE name = 'entries_fts_delete'").Should().Be(1);
    }

    [Fact]
    public void Open_SqliteFileOfAnotherProgram_ThrowsAClearError()
    {
        using (var connection = new SqliteConnection($"Data Source={_dir.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)";
            command.ExecuteNonQuery();
        }

        var open = () => ArchiveIndex.Open(_dir.Database);
        open.Should().Throw<ArchiveIndexException>().WithMessage("*not a PaperDigest index*");
        Count(_dir.Database, "SELECT count(*) FROM sqlite_schema WHERE name = 'accounts'").Should().Be(1);
    }

    [Fact]
    public void Open_TextFile_ThrowsAClearError()
    {
        File.WriteAllText(_dir.Database, "# not a database\n" + new string('x', 4096));
        var open = () => ArchiveIndex.Open(_dir.Database);
        open.Should().Throw<ArchiveIndexException>().WithMessage("*not a PaperDigest index, or damaged*");
    }

    [Fact]
    public void Open_IndexFromANewerVersion_ThrowsAndLeavesItAlone()
    {
        using (ArchiveIndex.Open(_dir.Database))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={_dir.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var open = () => ArchiveIndex.Open(_dir.Database);
        open.Should().Throw<ArchiveIndexException>().WithMessage("*schema version 99*newer*");
        Count(_dir.Database, "PRAGMA user_version").Should().Be(99);
    }

    [Fact]
    public void OpenExisting_MissingFile_SaysHowToBuildOne()
    {
        var open = () => ArchiveIndex.OpenExisting(_dir.Path("none.db"));
        open.Should().Throw<ArchiveIndexException>().WithMessage("*paperdigest index*");
        File.Exists(_dir.Path("none.db")).Should().BeFalse();
    }

    [Fact]
    public async Task Open_ExistingIndex_KeepsItsOwnTokenizer()
    {
        WriteArchive();
        using (var index = ArchiveIndex.Open(_dir.Database, SearchTokenizer.Trigram))
        {
            await index.IndexAsync(_dir.Files(), cancellationToken: Ct);
        }

        using var reopened = ArchiveIndex.Open(_dir.Database, SearchTokenizer.WordsAndCjkCharacters);
        reopened.Tokenizer.Should().Be(SearchTokenizer.Trigram);
        reopened.Search("推测解码").Should().HaveCount(2);
    }
}
