using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Archive;

/// <summary>
/// Copies what the enrichment cache knows about the index's papers and repositories into the <c>papers</c> and
/// <c>repositories</c> tables (replacing them). Reads the cache only: nothing is fetched. Payloads that cannot be read are skipped.
/// </summary>
internal static class EnrichmentCopy
{
    // The cache kinds the enrichment clients write (their own constants are internal to the enrichment library).

    /// <summary>The cache kind of found arXiv papers.</summary>
    private const string ArxivFoundKind = "arxiv";

    /// <summary>The cache kind of found GitHub repositories.</summary>
    private const string GitHubFoundKind = "github";

    /// <summary>The cache kind of GitHub repositories definitely not found or blocked.</summary>
    private const string GitHubMissingKind = "github-missing";

    public static async Task<int> CopyAsync(SqliteConnection connection, SqliteTransaction transaction, IEnrichmentCache cache, CancellationToken cancellationToken)
    {
        var ids = Strings(connection, transaction, "SELECT DISTINCT arxiv_id FROM entries WHERE arxiv_id IS NOT NULL");
        var repos = Strings(connection, transaction, "SELECT DISTINCT repository FROM links WHERE repository IS NOT NULL");
        ArchiveSchema.Execute(connection, transaction, "DELETE FROM papers; DELETE FROM repositories;");
        var count = 0;

        var papers = await cache.GetManyAsync(ArxivFoundKind, ids, cancellationToken).ConfigureAwait(false);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO papers (arxiv_id, version, title, authors, primary_category, categories, published, updated, withdrawn) VALUES ($id, $version, $title, $authors, $primary, $categories, $published, $updated, $withdrawn)";
            foreach (var (key, entry) in papers)
            {
                try
                {
                    using var json = JsonDocument.Parse(entry.Payload);
                    var root = json.RootElement;
                    var authors = root.TryGetProperty("authors", out var a) && a.ValueKind == JsonValueKind.Array
                        ? a.EnumerateArray().Select(x => x.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>().ToList()
                        : [];
                    var categories = root.TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Array
                        ? c.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList()
                        : [];
                    var comment = String(root, "comment");
                    var withdrawn = comment is not null && (comment.Contains("withdrawn", StringComparison.OrdinalIgnoreCase) || comment.Contains("withdrawal", StringComparison.OrdinalIgnoreCase));
                    insert.Parameters.Clear();
                    insert.Parameters.AddWithValue("$id", key);
                    insert.Parameters.AddWithValue("$version", root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : DBNull.Value);
                    insert.Parameters.AddWithValue("$title", String(root, "title") ?? "");
                    insert.Parameters.AddWithValue("$authors", JsonArray(authors));
                    insert.Parameters.AddWithValue("$primary", (object?)String(root, "primaryCategory") ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$categories", JsonArray(categories));
                    insert.Parameters.AddWithValue("$published", (object?)String(root, "published") ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$updated", (object?)String(root, "updated") ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$withdrawn", withdrawn ? 1 : 0);
                    insert.ExecuteNonQuery();
                    count++;
                }
                catch (JsonException)
                {
                }
            }
        }

        var found = await cache.GetManyAsync(GitHubFoundKind, repos, cancellationToken).ConfigureAwait(false);
        var missing = await cache.GetManyAsync(GitHubMissingKind, repos, cancellationToken).ConfigureAwait(false);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO repositories (name, state, full_name, stars, archived, renamed) VALUES ($name, $state, $full, $stars, $archived, $renamed)";
            foreach (var (key, entry) in found)
            {
                try
                {
                    using var json = JsonDocument.Parse(entry.Payload);
                    var root = json.RootElement;
                    var owner = String(root, "owner");
                    var name = String(root, "name");
                    var full = owner is not null && name is not null ? owner + "/" + name : null;
                    var renamed = full is not null && !string.Equals(full, key, StringComparison.OrdinalIgnoreCase);
                    insert.Parameters.Clear();
                    insert.Parameters.AddWithValue("$name", key);
                    insert.Parameters.AddWithValue("$state", renamed ? "renamed" : "found");
                    insert.Parameters.AddWithValue("$full", (object?)full ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$stars", root.TryGetProperty("stars", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : DBNull.Value);
                    insert.Parameters.AddWithValue("$archived", root.TryGetProperty("archived", out var ar) && ar.ValueKind is JsonValueKind.True or JsonValueKind.False ? (ar.GetBoolean() ? 1 : 0) : DBNull.Value);
                    insert.Parameters.AddWithValue("$renamed", renamed ? 1 : 0);
                    insert.ExecuteNonQuery();
                    count++;
                }
                catch (JsonException)
                {
                }
            }

            foreach (var (key, entry) in missing)
            {
                if (found.ContainsKey(key))
                {
                    continue;
                }

                string state;
                try
                {
                    using var json = JsonDocument.Parse(entry.Payload);
                    state = json.RootElement.TryGetProperty("state", out var st) && st.GetString() is { } text
                        ? StateName(Enum.TryParse<RepositoryState>(text, ignoreCase: true, out var parsed) ? parsed : RepositoryState.NotFound)
                        : StateName(RepositoryState.NotFound);
                }
                catch (JsonException)
                {
                    state = StateName(RepositoryState.NotFound);
                }

                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$name", key);
                insert.Parameters.AddWithValue("$state", state);
                insert.Parameters.AddWithValue("$full", DBNull.Value);
                insert.Parameters.AddWithValue("$stars", DBNull.Value);
                insert.Parameters.AddWithValue("$archived", DBNull.Value);
                insert.Parameters.AddWithValue("$renamed", 0);
                insert.ExecuteNonQuery();
                count++;
            }
        }

        return count;
    }

    /// <summary>A repository state as <c>paperdigest enrich</c> writes it (camelCase), for the <c>repositories</c> table.</summary>
    private static string StateName(RepositoryState state) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private static List<string> Strings(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private static string? String(JsonElement root, string name)
        => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static string JsonArray(List<string> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
