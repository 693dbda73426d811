using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PaperDigest.Archive;

/// <summary>Runs a <see cref="SearchQuery"/> against the full-text table and cuts the snippets.</summary>
internal static class ArchiveSearcher
{
    /// <summary>How much more a match in the title counts than one in the abstract (bm25 column weights).</summary>
    public const double TitleWeight = 4.0;

    /// <summary>How many of the newest matching entries are ranked, at most, when a query without filters matches more.</summary>
    internal const int MaxRanked = 5000;

    private const int SnippetLength = 160;

    public static IReadOnlyList<SearchHit> Search(SqliteConnection connection, SearchTokenizer tokenizer, SearchQuery query, int limit, int maxRanked = MaxRanked)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        var match = MatchExpression(query, tokenizer, command, where);
        if (query.ArxivId is { } id)
        {
            // A whole identifier is looked up in the index; a part of one (id:2501.) matches identifiers that start with it.
            where.Add(PaperDigest.Model.ArxivId.TryParse(id, out _) ? "e.arxiv_id = $id" : "e.arxiv_id LIKE $id ESCAPE '\\'");
            command.Parameters.AddWithValue("$id", PaperDigest.Model.ArxivId.TryParse(id, out _) ? id : Like(id) + "%");
        }

        if (query.Repository is { } repo)
        {
            where.Add("EXISTS (SELECT 1 FROM links l WHERE l.entry_id = e.id AND l.repository = $repo)");
            command.Parameters.AddWithValue("$repo", repo);
        }

        if (query.From is { } from)
        {
            where.Add("d.date >= $from");
            command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.To is { } to)
        {
            where.Add("d.date <= $to");
            command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        const string columns = "e.id, d.path, e.start_line, e.title, e.translated_title, e.arxiv_id, e.url, d.date, e.abstract";
        if (match is not null)
        {
            // Rank and cut in the full-text table first, joining the entries and files only when a filter needs them, so
            // that a common term costs its bm25 scores, not a join and a sort of every matching entry's text.
            command.Parameters.AddWithValue("$match", match);
            var joins = where.Count > 0 ? " JOIN entries e ON e.id = entries_fts.rowid JOIN documents d ON d.id = e.document_id" : "";
            if (where.Count == 0 && RankingFloor(connection, match, maxRanked) is { } floor)
            {
                where.Add("entries_fts.rowid >= $floor");
                command.Parameters.AddWithValue("$floor", floor);
            }

            var filters = where.Count > 0 ? " AND " + string.Join(" AND ", where) : "";
            command.CommandText = $"""
                WITH hits AS (
                    SELECT entries_fts.rowid AS id, bm25(entries_fts, {TitleWeight.ToString(CultureInfo.InvariantCulture)}, 1.0) AS score
                    FROM entries_fts{joins}
                    WHERE entries_fts MATCH $match{filters}
                    ORDER BY score, entries_fts.rowid
                    LIMIT $limit)
                SELECT {columns}, hits.score
                FROM hits JOIN entries e ON e.id = hits.id JOIN documents d ON d.id = e.document_id
                ORDER BY hits.score, e.id
                """;
        }
        else
        {
            command.CommandText = $"""
                SELECT {columns}, 0.0 AS score
                FROM entries e JOIN documents d ON d.id = e.document_id
                {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
                ORDER BY d.date DESC, e.id
                LIMIT $limit
                """;
        }

        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<SearchHit>();
        var terms = query.AllTerms.ToList();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var title = reader.GetString(3);
            var translated = reader.GetString(4);
            var abs = reader.GetString(8);
            var (snippet, highlights) = Snippet(abs.Length > 0 ? abs : title + " " + translated, terms, title + " " + translated);
            hits.Add(new SearchHit
            {
                Path = reader.GetString(1),
                Line = reader.GetInt32(2),
                Title = title,
                TranslatedTitle = translated,
                ArxivId = reader.IsDBNull(5) ? null : reader.GetString(5),
                Url = reader.GetString(6),
                Date = reader.IsDBNull(7) ? null : DateOnly.ParseExact(reader.GetString(7), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Snippet = snippet,
                Highlights = highlights,
                Score = reader.GetDouble(9),
            });
        }

        return hits;
    }

    /// <summary>
    /// The lowest row id to rank when a match without filters has more than <paramref name="maxRanked"/> entries (by
    /// default <see cref="MaxRanked"/>): the newest <paramref name="maxRanked"/> of them (row ids follow the archive's order), or <see langword="null"/> to rank all.
    /// </summary>
    /// <remarks>
    /// bm25 scores every matching entry before the best twenty are cut, about 2.5 µs each: a term in every one of 20,000
    /// entries cost 60–80 ms. Finding the floor walks the matches from the newest down, without scoring, and stops at the
    /// cap. A filter (<c>date:</c>, <c>repo:</c>, <c>id:</c>) narrows the entries first and is never capped, so it cannot
    /// lose the entries it asks for.
    /// </remarks>
    private static long? RankingFloor(SqliteConnection connection, string match, int maxRanked)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT rowid FROM entries_fts WHERE entries_fts MATCH $match ORDER BY rowid DESC LIMIT 1 OFFSET $skip";
        probe.Parameters.AddWithValue("$match", match);
        probe.Parameters.AddWithValue("$skip", maxRanked - 1);
        return probe.ExecuteScalar() is long floor ? floor : null;
    }

    /// <summary>
    /// The FTS5 expression for the query's terms, each one a quoted string (so no user text is read as FTS5 syntax); terms
    /// the tokenizer cannot match (shorter than three characters under trigram) become LIKE conditions in <paramref name="where"/>.
    /// </summary>
    internal static string? MatchExpression(SearchQuery query, SearchTokenizer tokenizer, SqliteCommand command, List<string> where)
    {
        var parts = new List<string>();
        var n = 0;
        void Add(string term, bool titleOnly)
        {
            var prefix = term.EndsWith('*');
            term = term.TrimEnd('*').Trim();
            if (!term.Any(char.IsLetterOrDigit))
            {
                return;
            }

            if (tokenizer == SearchTokenizer.Trigram && term.Length < 3)
            {
                var name = "$like" + n++.ToString(CultureInfo.InvariantCulture);
                where.Add(titleOnly
                    ? $"(e.title LIKE {name} ESCAPE '\\' OR e.translated_title LIKE {name} ESCAPE '\\')"
                    : $"(e.title LIKE {name} ESCAPE '\\' OR e.translated_title LIKE {name} ESCAPE '\\' OR e.abstract LIKE {name} ESCAPE '\\')");
                command.Parameters.AddWithValue(name, "%" + Like(term) + "%");
                return;
            }

            var text = tokenizer == SearchTokenizer.Trigram ? term : FtsText.Terms(term);
            if (text.Length == 0)
            {
                return;
            }

            var fts = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (prefix && tokenizer != SearchTokenizer.Trigram ? " *" : "");
            parts.Add(titleOnly ? "title : " + fts : fts);
        }

        foreach (var t in query.Terms)
        {
            Add(t, false);
        }

        foreach (var t in query.TitleTerms)
        {
            Add(t, true);
        }

        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    private static string Like(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// About <see cref="SnippetLength"/> characters of <paramref name="text"/> (whitespace collapsed) around the first place a
    /// term matches, with every match marked. A word matches case-insensitively, and by its stem (the word less a common
    /// English ending) so that "decoding" marks "decode"; CJK text matches as written.
    /// </summary>
    internal static (string Snippet, IReadOnlyList<TextRange> Highlights) Snippet(string text, IReadOnlyList<string> terms, string fallback)
    {
        var flat = Collapse(text);
        var needles = Needles(terms);
        var matches = Find(flat, needles);
        if (matches.Count == 0 && fallback.Length > 0 && Find(Collapse(fallback), needles).Count > 0)
        {
            flat = Collapse(fallback) + " · " + flat;
            matches = Find(flat, needles);
        }

        var first = matches.Count > 0 ? matches[0].Start : 0;
        var start = Math.Max(0, first - (SnippetLength / 3));
        if (start > 0)
        {
            var space = flat.LastIndexOf(' ', start);
            start = space >= 0 && start - space < 20 ? space + 1 : start;
        }

        var end = Math.Min(flat.Length, start + SnippetLength);
        if (end < flat.Length)
        {
            var space = flat.IndexOf(' ', end);
            end = space >= 0 && space - end < 20 ? space : end;
        }

        var prefix = start > 0 ? "…" : "";
        var snippet = prefix + flat[start..end] + (end < flat.Length ? "…" : "");
        var highlights = matches
            .Where(m => m.Start >= start && m.Start + m.Length <= end)
            .Select(m => new TextRange(m.Start - start + prefix.Length, m.Length))
            .ToList();
        return (snippet, highlights);
    }

    private static List<string> Needles(IReadOnlyList<string> terms)
    {
        var needles = new List<string>();
        foreach (var term in terms)
        {
            foreach (var word in term.TrimEnd('*').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                needles.Add(CjkText.HasCjk(word) ? word : Stem(word));
            }
        }

        return needles.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string Stem(string word)
    {
        foreach (var ending in (ReadOnlySpan<string>)["ing", "ed", "es", "s", "e", "ion", "ions", "al"])
        {
            if (word.Length - ending.Length >= 4 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }

    private static List<TextRange> Find(string text, List<string> needles)
    {
        var found = new List<TextRange>();
        foreach (var needle in needles)
        {
            var i = 0;
            while ((i = text.IndexOf(needle, i, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = i + needle.Length;
                if (!CjkText.HasCjk(needle))
                {
                    if (i > 0 && char.IsLetterOrDigit(text[i - 1]))
                    {
                        i = end;
                        continue;
                    }

                    while (end < text.Length && char.IsLetter(text[end]) && !CjkText.IsCjk(text[end]))
                    {
                        end++;
                    }
                }

                found.Add(new TextRange(i, end - i));
                i = end;
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<TextRange>();
        foreach (var r in found)
        {
            if (merged.Count > 0 && r.Start < merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = new TextRange(last.Start, Math.Max(last.Start + last.Length, r.Start + r.Length) - last.Start);
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
