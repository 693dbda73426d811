using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PaperDigest.Archive;

/// <summary>Reads an <see cref="ArchiveReport"/> out of the index with a handful of queries.</summary>
internal static class ReportBuilder
{
    public static ArchiveReport Build(SqliteConnection connection, int topRepositories)
    {
        var files = Rows(connection, "SELECT path, layout, date, entry_count, error_count, warning_count FROM documents ORDER BY path", r =>
            new FileSummary(r.GetString(0), r.GetString(1), Date(r, 2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)));

        var byWeek = new SortedDictionary<DateOnly, int>();
        foreach (var f in files)
        {
            if (f.Date is { } d)
            {
                var week = DocumentDates.WeekStart(d);
                byWeek[week] = byWeek.GetValueOrDefault(week) + f.Entries;
            }
        }

        // Weeks without entries are shown (a gap is worth seeing) unless the span is very long (a stray year in a file name).
        var weeks = byWeek.Select(p => new WeekCount(p.Key, p.Value)).ToList();
        if (byWeek.Count > 1 && byWeek.Keys.Last().DayNumber - byWeek.Keys.First().DayNumber <= 3653)
        {
            weeks.Clear();
            for (var w = byWeek.Keys.First(); w <= byWeek.Keys.Last(); w = w.AddDays(7))
            {
                weeks.Add(new WeekCount(w, byWeek.GetValueOrDefault(w)));
            }
        }

        var layouts = files
            .GroupBy(f => f.Layout, StringComparer.Ordinal)
            .Select(g => new LayoutCount(g.Key, g.Count(), g.Sum(f => f.Entries)))
            .OrderByDescending(l => l.Entries).ThenBy(l => l.Layout, StringComparer.Ordinal)
            .ToList();

        var repositories = Rows(
            connection,
            $"""
            SELECT l.repository, count(DISTINCT l.entry_id) AS n, r.stars, r.state, r.archived, r.full_name
            FROM links l LEFT JOIN repositories r ON r.name = l.repository
            WHERE l.repository IS NOT NULL
            GROUP BY l.repository
            ORDER BY n DESC, r.stars DESC, l.repository
            LIMIT {topRepositories.ToString(CultureInfo.InvariantCulture)}
            """,
            r => new RepositoryCount(
                r.GetString(0),
                r.GetInt32(1),
                r.IsDBNull(2) ? null : r.GetInt32(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetInt32(4) != 0,
                r.IsDBNull(5) ? null : r.GetString(5)));

        var places = Rows(
            connection,
            """
            SELECT e.arxiv_id, e.title, d.path, e.start_line
            FROM entries e JOIN documents d ON d.id = e.document_id
            WHERE e.arxiv_id IN (SELECT arxiv_id FROM entries WHERE arxiv_id IS NOT NULL GROUP BY arxiv_id HAVING count(*) > 1)
            ORDER BY e.arxiv_id, d.path, e.start_line
            """,
            r => (Id: r.GetString(0), Title: r.GetString(1), Place: new SourcePlace(r.GetString(2), r.GetInt32(3))));
        var duplicates = places
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => new Duplicate(g.Key, g.First().Title, g.Select(p => p.Place).ToList()))
            .OrderByDescending(d => d.Places.Count).ThenBy(d => d.ArxivId, StringComparer.Ordinal)
            .ToList();

        var errors = Rows(
            connection,
            """
            SELECT d.path, g.line, g.column, g.rule, g.message
            FROM diagnostics g JOIN documents d ON d.id = g.document_id
            WHERE g.severity = 'error'
            ORDER BY d.path, g.line, g.column, g.id
            """,
            r => new ReportDiagnostic(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetString(4)));

        return new ArchiveReport
        {
            Documents = files.Count,
            Entries = files.Sum(f => f.Entries),
            DatedDocuments = files.Count(f => f.Date is not null),
            Weeks = weeks,
            Layouts = layouts,
            Files = files,
            Repositories = repositories,
            Duplicates = duplicates,
            Errors = errors,
            Warnings = files.Sum(f => f.Warnings),
        };
    }

    private static DateOnly? Date(SqliteDataReader r, int i)
        => r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
