using System.Globalization;
using Microsoft.Data.Sqlite;
using PaperDigest.Model;

namespace PaperDigest.Archive;

/// <summary>Writes one document's rows with commands prepared once per run.</summary>
/// <remarks>
/// The full-text rows are held back and written in batches (<see cref="FlushFullText"/>), one insert after another. Any
/// other statement that may abort part-way (an insert checked by a foreign key or a unique index) opens a statement
/// savepoint, and FTS5 writes its pending terms to disk at every savepoint: interleaved with the entries, links and
/// diagnostics, each entry's terms became a segment of their own, and merging those segments was most of the full-text cost.
/// </remarks>
internal sealed class RowWriter : IDisposable
{
    /// <summary>How many characters of full-text rows are held back before they are written.</summary>
    private const int FullTextBatchChars = 1_000_000;

    private readonly SqliteCommand _deleteDocument;
    private readonly SqliteCommand _document;
    private readonly SqliteCommand _entry;
    private readonly SqliteCommand _fts;
    private readonly SqliteCommand _link;
    private readonly SqliteCommand _diagnostic;
    private readonly string _now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    private readonly List<(long Id, string Title, string Abstract)> _pendingFts = [];
    private int _pendingChars;

    public RowWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _deleteDocument = Make(connection, transaction, "DELETE FROM documents WHERE id = $id", "$id");
        _document = Make(
            connection,
            transaction,
            "INSERT INTO documents (path, hash, size, layout, date, entry_count, error_count, warning_count, indexed_at) VALUES ($path, $hash, $size, $layout, $date, $entries, $errors, $warnings, $at) RETURNING id",
            "$path", "$hash", "$size", "$layout", "$date", "$entries", "$errors", "$warnings", "$at");
        _entry = Make(
            connection,
            transaction,
            "INSERT INTO entries (document_id, ordinal, title, translated_title, arxiv_id, arxiv_version, url, abstract, start_line, start_column, end_line, end_column, start_offset, end_offset) VALUES ($doc, $ord, $title, $zh, $arxiv, $version, $url, $abstract, $sl, $sc, $el, $ec, $so, $eo) RETURNING id",
            "$doc", "$ord", "$title", "$zh", "$arxiv", "$version", "$url", "$abstract", "$sl", "$sc", "$el", "$ec", "$so", "$eo");
        _fts = Make(connection, transaction, "INSERT INTO entries_fts (rowid, title, abstract) VALUES ($id, $title, $abstract)", "$id", "$title", "$abstract");
        _link = Make(
            connection,
            transaction,
            "INSERT INTO links (entry_id, ordinal, kind, url, original_url, text, repository, arxiv_id, repaired, line) VALUES ($entry, $ord, $kind, $url, $original, $text, $repo, $arxiv, $repaired, $line)",
            "$entry", "$ord", "$kind", "$url", "$original", "$text", "$repo", "$arxiv", "$repaired", "$line");
        _diagnostic = Make(
            connection,
            transaction,
            "INSERT INTO diagnostics (document_id, rule, severity, message, line, column, end_line, end_column, arxiv_id) VALUES ($doc, $rule, $severity, $message, $line, $column, $el, $ec, $arxiv)",
            "$doc", "$rule", "$severity", "$message", "$line", "$column", "$el", "$ec", "$arxiv");
    }

    public void DeleteDocument(long id)
    {
        _deleteDocument.Parameters[0].Value = id;
        _deleteDocument.ExecuteNonQuery();
    }

    public void WriteDocument(ArchiveIndex.Prepared item)
    {
        var doc = item.Document!;
        var errors = doc.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = doc.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        Set(_document, item.Path, item.Hash, item.Size, doc.Layout, item.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), doc.Entries.Count, errors, warnings, _now);
        var documentId = (long)_document.ExecuteScalar()!;
        for (var i = 0; i < doc.Entries.Count; i++)
        {
            var e = doc.Entries[i];
            Set(
                _entry,
                documentId,
                i,
                e.Title,
                e.TranslatedTitle,
                e.ArxivId?.Value,
                e.ArxivId?.Version,
                e.Url,
                e.Abstract,
                e.Span.StartLine,
                e.Span.StartColumn,
                e.Span.EndLine,
                e.Span.EndColumn,
                e.Span.StartOffset,
                e.Span.EndOffset);
            var entryId = (long)_entry.ExecuteScalar()!;
            var (ftsTitle, ftsAbstract) = item.Fts![i];
            _pendingFts.Add((entryId, ftsTitle, ftsAbstract));
            _pendingChars += ftsTitle.Length + ftsAbstract.Length;
            for (var k = 0; k < e.Links.Count; k++)
            {
                var l = e.Links[k];
                var repo = l.Kind == LinkKind.GitHubRepository && l.Owner is not null && l.Repo is not null
                    ? (l.Owner + "/" + l.Repo).ToLowerInvariant()
                    : null;
                Set(_link, entryId, k, KindName(l.Kind), l.Url, l.OriginalUrl, l.Text, repo, l.ArxivId?.Value, l.Repaired ? 1 : 0, l.Span.StartLine);
                _link.ExecuteNonQuery();
            }
        }

        foreach (var d in doc.Diagnostics)
        {
            Set(_diagnostic, documentId, d.Id, Diagnostic.SeverityName(d.Severity), d.Message, d.Span.StartLine, d.Span.StartColumn, d.Span.EndLine, d.Span.EndColumn, d.ArxivId);
            _diagnostic.ExecuteNonQuery();
        }

        if (_pendingChars >= FullTextBatchChars)
        {
            FlushFullText();
        }
    }

    /// <summary>Writes the full-text rows held back so far; call it before the transaction commits.</summary>
    public void FlushFullText()
    {
        foreach (var (id, title, text) in _pendingFts)
        {
            Set(_fts, id, title, text);
            _fts.ExecuteNonQuery();
        }

        _pendingFts.Clear();
        _pendingChars = 0;
    }

    /// <summary>The name a link kind is stored under.</summary>
    public static string KindName(LinkKind kind) => kind switch
    {
        LinkKind.Arxiv => "arxiv",
        LinkKind.GitHubRepository => "github-repository",
        LinkKind.ProjectPage => "project-page",
        LinkKind.PaperPage => "paper-page",
        _ => "other",
    };

    public void Dispose()
    {
        _deleteDocument.Dispose();
        _document.Dispose();
        _entry.Dispose();
        _fts.Dispose();
        _link.Dispose();
        _diagnostic.Dispose();
    }

    private static SqliteCommand Make(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
