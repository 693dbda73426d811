using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PaperDigest.Model;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>
/// Reads the Kaggle arXiv metadata snapshot (<c>arxiv-metadata-oai-snapshot.json</c>: one JSON object per line; plain or
/// gzip-compressed), streaming it line by line: only the lines whose identifier is wanted are parsed, and reading stops
/// as soon as every wanted identifier was seen.
/// </summary>
internal static class ArxivSnapshotReader
{
    /// <summary>Finds papers in a snapshot file.</summary>
    /// <param name="path">The snapshot (<c>.jsonl</c>, <c>.json</c> or <c>.gz</c>; gzip is recognised by its magic bytes).</param>
    /// <param name="canonicalIds">The canonical identifiers wanted.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The papers found, as they are found.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async IAsyncEnumerable<ArxivPaper> FindAsync(string path, IReadOnlyCollection<string> canonicalIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalIds);
        var wanted = new HashSet<string>(canonicalIds, StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            yield break;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var magic = new byte[2];
        var n = await file.ReadAsync(magic, cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        Stream stream = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        await using var _ = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var id = PeekId(line);
            if (id is null || !wanted.Contains(id))
            {
                continue;
            }

            var paper = ParseLine(line);
            if (paper is null)
            {
                continue;
            }

            wanted.Remove(paper.Id);
            yield return paper;
            if (wanted.Count == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads the canonical identifier of a line cheaply, without parsing the whole object.</summary>
    internal static string? PeekId(string line)
    {
        var i = line.IndexOf("\"id\"", StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        i = line.IndexOf('"', i + 4);
        if (i < 0)
        {
            return null;
        }

        var end = line.IndexOf('"', i + 1);
        if (end < 0)
        {
            return null;
        }

        var raw = line.AsSpan(i + 1, end - i - 1).ToString().Replace("\\/", "/", StringComparison.Ordinal);
        return ArxivId.TryParse(raw, out var id) ? id.Value : null;
    }

    /// <summary>Parses one snapshot line into a paper; a malformed line yields <see langword="null"/>.</summary>
    internal static ArxivPaper? ParseLine(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "id") is not { } idText || !ArxivId.TryParse(idText, out var id))
            {
                return null;
            }

            var categories = (Str(root, "categories") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var versions = new List<(int Number, DateTimeOffset? Created)>();
            if (root.TryGetProperty("versions", out var vs) && vs.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in vs.EnumerateArray())
                {
                    var name = v.ValueKind == JsonValueKind.Object ? Str(v, "version") : null;
                    if (name is { Length: > 1 } && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        var created = Str(v, "created") is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : (DateTimeOffset?)null;
                        versions.Add((number, created));
                    }
                }
            }

            var latest = versions.Count > 0 ? versions.MaxBy(v => v.Number) : default;
            var authors = new List<ArxivAuthor>();
            if (root.TryGetProperty("authors_parsed", out var parsed) && parsed.ValueKind == JsonValueKind.Array)
            {
                foreach (var a in parsed.EnumerateArray())
                {
                    if (a.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    var parts = a.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "").ToList();
                    var last = parts.ElementAtOrDefault(0) ?? "";
                    var first = parts.ElementAtOrDefault(1) ?? "";
                    var suffix = parts.ElementAtOrDefault(2) ?? "";
                    var name = TextNormalizer.Collapse(string.Join(' ', new[] { first, last, suffix }.Where(s => s.Length > 0)));
                    var affiliations = parts.Skip(3).Select(TextNormalizer.Collapse).Where(s => s.Length > 0).ToList();
                    if (name.Length > 0)
                    {
                        authors.Add(new ArxivAuthor(name, affiliations));
                    }
                }
            }

            var version = versions.Count > 0 ? latest.Number : (int?)null;
            var versioned = version is { } vn ? $"{id.Value}v{vn}" : id.Value;
            return new ArxivPaper
            {
                Id = id.Value,
                Version = version,
                Title = TextNormalizer.Collapse(Str(root, "title")),
                Authors = authors,
                Abstract = TextNormalizer.Collapse(Str(root, "abstract")),
                Published = versions.Count > 0 ? versions.MinBy(v => v.Number).Created : null,
                Updated = versions.Count > 0 ? latest.Created : null,
                PrimaryCategory = categories.FirstOrDefault(),
                Categories = categories,
                Comment = TextNormalizer.CollapseOrNull(Str(root, "comments")),
                JournalReference = TextNormalizer.CollapseOrNull(Str(root, "journal-ref")),
                Dois = (Str(root, "doi") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
                AbsUrl = $"https://arxiv.org/abs/{versioned}",
                PdfUrl = $"https://arxiv.org/pdf/{versioned}",
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
