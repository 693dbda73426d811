using Microsoft.Data.Sqlite;

namespace PaperDigest.Archive;

/// <summary>
/// The index's tables, versioned with SQLite's <c>user_version</c> and marked as ours with <c>application_id</c>.
/// A new version adds a step to <see cref="Migrations"/>: step <c>i</c> takes a database from version <c>i + 1</c> to
/// <c>i + 2</c>, inside the transaction that opens it. Documented in docs/archive.md.
/// Version 2: the words-and-CJK full-text table is split by <see cref="FtsText.Terms"/> before SQLite sees the text
/// (<c>porter ascii</c> instead of <c>porter unicode61 remove_diacritics 2</c> over CJK-spaced text).
/// </summary>
internal static class ArchiveSchema
{
    /// <summary>"PDIX" as a big-endian integer: marks a file as a PaperDigest index.</summary>
    public const int ApplicationId = 0x50444958;

    /// <summary>The version this build writes.</summary>
    public const int Version = 2;

    /// <summary>Creates the current version on an empty database.</summary>
    public static string Create(SearchTokenizer tokenizer) => $$"""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO settings (key, value) VALUES ('tokenizer', '{{TokenizerName(tokenizer)}}');

        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            layout TEXT NOT NULL,
            date TEXT NULL,
            entry_count INTEGER NOT NULL,
            error_count INTEGER NOT NULL,
            warning_count INTEGER NOT NULL,
            indexed_at TEXT NOT NULL
        );

        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            title TEXT NOT NULL,
            translated_title TEXT NOT NULL,
            arxiv_id TEXT NULL,
            arxiv_version INTEGER NULL,
            url TEXT NOT NULL,
            abstract TEXT NOT NULL,
            start_line INTEGER NOT NULL,
            start_column INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            end_column INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL
        );
        CREATE INDEX entries_document ON entries (document_id);
        CREATE INDEX entries_arxiv ON entries (arxiv_id) WHERE arxiv_id IS NOT NULL;

        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            url TEXT NOT NULL,
            original_url TEXT NOT NULL,
            text TEXT NOT NULL,
            repository TEXT NULL,
            arxiv_id TEXT NULL,
            repaired INTEGER NOT NULL,
            line INTEGER NOT NULL
        );
        CREATE INDEX links_entry ON links (entry_id);
        CREATE INDEX links_repository ON links (repository) WHERE repository IS NOT NULL;

        CREATE TABLE diagnostics (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            line INTEGER NOT NULL,
            column INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            end_column INTEGER NOT NULL,
            arxiv_id TEXT NULL
        );
        CREATE INDEX diagnostics_document ON diagnostics (document_id);

        CREATE TABLE papers (
            arxiv_id TEXT PRIMARY KEY,
            version INTEGER NULL,
            title TEXT NOT NULL,
            authors TEXT NOT NULL,
            primary_category TEXT NULL,
            categories TEXT NOT NULL,
            published TEXT NULL,
            updated TEXT NULL,
            withdrawn INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE repositories (
            name TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            full_name TEXT NULL,
            stars INTEGER NULL,
            archived INTEGER NULL,
            renamed INTEGER NOT NULL
        ) WITHOUT ROWID;

        {{FullText(tokenizer)}}
        """;

    /// <summary>The full-text table and the trigger that keeps it in step with <c>entries</c>.</summary>
    private static string FullText(SearchTokenizer tokenizer) => $"""
        CREATE VIRTUAL TABLE entries_fts USING fts5 (
            title, abstract,
            content = '', contentless_delete = 1,
            tokenize = '{FtsTokenizer(tokenizer)}'
        );
        INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 8);
        CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
            DELETE FROM entries_fts WHERE rowid = old.id;
        END;
        """;

    /// <summary>The steps from each version to the next (step <c>i</c> from version <c>i + 1</c>), run inside the opening transaction.</summary>
    public static IReadOnlyList<Action<SqliteConnection, SqliteTransaction>> Migrations { get; } =
    [
        MigrateTo2,
    ];

    /// <summary>
    /// Version 1 to 2: a words-and-CJK full-text table is built anew with the new split, from the text in <c>entries</c>
    /// (a trigram table is unchanged).
    /// </summary>
    private static void MigrateTo2(SqliteConnection connection, SqliteTransaction transaction)
    {
        var tokenizer = ParseTokenizer(Scalar(connection, transaction, "SELECT value FROM settings WHERE key = 'tokenizer';") as string);
        if (tokenizer == SearchTokenizer.Trigram)
        {
            return;
        }

        Execute(connection, transaction, "DROP TRIGGER entries_fts_delete; DROP TABLE entries_fts;" + FullText(tokenizer));
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT id, title, translated_title, abstract FROM entries ORDER BY id";
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO entries_fts (rowid, title, abstract) VALUES ($id, $title, $abstract)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var text = insert.Parameters.Add("$abstract", SqliteType.Text);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var translated = reader.GetString(2);
            id.Value = reader.GetInt64(0);
            title.Value = FtsText.Terms(translated.Length == 0 ? reader.GetString(1) : reader.GetString(1) + " " + translated);
            text.Value = FtsText.Terms(reader.GetString(3));
            insert.ExecuteNonQuery();
        }
    }

    public static string TokenizerName(SearchTokenizer tokenizer) => tokenizer switch
    {
        SearchTokenizer.Trigram => "trigram",
        _ => "words-cjk-characters",
    };

    public static SearchTokenizer ParseTokenizer(string? name)
        => name == "trigram" ? SearchTokenizer.Trigram : SearchTokenizer.WordsAndCjkCharacters;

    private static string FtsTokenizer(SearchTokenizer tokenizer) => tokenizer switch
    {
        SearchTokenizer.Trigram => "trigram case_sensitive 0",
        _ => "porter ascii",
    };

    /// <summary>Creates or migrates the schema; throws <see cref="ArchiveIndexException"/> for a foreign or newer file.</summary>
    public static SearchTokenizer Ensure(SqliteConnection connection, string path, SearchTokenizer tokenizer)
    {
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id;"), System.Globalization.CultureInfo.InvariantCulture);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_schema;"), System.Globalization.CultureInfo.InvariantCulture);
        if (applicationId != ApplicationId && (tables > 0 || version != 0))
        {
            throw new ArchiveIndexException($"{path}: not a PaperDigest index (an SQLite database with other tables); give another --db file");
        }

        if (version > Version)
        {
            throw new ArchiveIndexException($"{path}: index schema version {version} was written by a newer PaperDigest (this one reads up to {Version}); upgrade, or index into a new file");
        }

        if (version == Version)
        {
            return ParseTokenizer(Scalar(connection, "SELECT value FROM settings WHERE key = 'tokenizer';") as string);
        }

        using var transaction = connection.BeginTransaction();
        if (version == 0)
        {
            Execute(connection, transaction, Create(tokenizer));
            version = Version;
        }

        for (; version < Version; version++)
        {
            Migrations[version - 1](connection, transaction);
        }

        Execute(connection, transaction, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {Version};");
        transaction.Commit();
        return ParseTokenizer(Scalar(connection, "SELECT value FROM settings WHERE key = 'tokenizer';") as string);
    }

    public static object? Scalar(SqliteConnection connection, string sql) => Scalar(connection, null, sql);

    public static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
