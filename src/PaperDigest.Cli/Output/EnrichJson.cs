using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PaperDigest.Enrichment;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Serialization;

namespace PaperDigest.Cli.Output;

/// <summary>The <c>arxiv</c> block of an enriched entry.</summary>
internal sealed record ArxivJson
{
    public required string Status { get; init; }

    public string? Source { get; init; }

    public string? Reason { get; init; }

    public required string Id { get; init; }

    public int? Version { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<AuthorJson>? Authors { get; init; }

    public string? Abstract { get; init; }

    public DateTimeOffset? Published { get; init; }

    public DateTimeOffset? Updated { get; init; }

    public string? PrimaryCategory { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }

    public string? Comment { get; init; }

    public string? JournalRef { get; init; }

    public IReadOnlyList<string>? Dois { get; init; }

    public string? AbsUrl { get; init; }

    public string? PdfUrl { get; init; }

    public bool? Withdrawn { get; init; }

    public static ArxivJson From(ArxivResult r)
    {
        var p = r.Paper;
        return new ArxivJson
        {
            Status = StateName(r.State),
            Source = r.Source is { } s ? SourceName(s) : null,
            Reason = r.Reason,
            Id = r.Id,
            Version = p?.Version,
            Title = p?.Title,
            Authors = p?.Authors.Select(a => new AuthorJson(a.Name, a.Affiliations.Count > 0 ? a.Affiliations : null)).ToList(),
            Abstract = p?.Abstract,
            Published = p?.Published,
            Updated = p?.Updated,
            PrimaryCategory = p?.PrimaryCategory,
            Categories = p?.Categories,
            Comment = p?.Comment,
            JournalRef = p?.JournalReference,
            Dois = p?.Dois,
            AbsUrl = p?.AbsUrl,
            PdfUrl = p?.PdfUrl,
            Withdrawn = p?.IsWithdrawn,
        };
    }

    /// <summary>The lower-case name of a state as written in JSON: <c>found</c>, <c>not-found</c>, <c>failed</c>.</summary>
    public static string StateName(ArxivLookupState state) => state switch
    {
        ArxivLookupState.Found => "found",
        ArxivLookupState.NotFound => "not-found",
        _ => "failed",
    };

    /// <summary>The lower-case name of a source as written in JSON: <c>api</c>, <c>abs-page</c>, <c>snapshot</c>, <c>cache</c>.</summary>
    public static string SourceName(ArxivSource source) => source switch
    {
        ArxivSource.Api => "api",
        ArxivSource.AbsPage => "abs-page",
        ArxivSource.Snapshot => "snapshot",
        _ => "cache",
    };
}

/// <summary>An author in the <c>arxiv</c> block.</summary>
internal sealed record AuthorJson(string Name, IReadOnlyList<string>? Affiliations);

/// <summary>The <c>titleMatch</c> block: the similarity score, whether it passes, and <c>ok</c>/<c>mismatch</c>.</summary>
internal sealed record TitleMatchJson(double Score, bool Ok, string Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArxivJson))]
[JsonSerializable(typeof(TitleMatchJson))]
internal sealed partial class EnrichJsonContext : JsonSerializerContext;

/// <summary>Writes an enriched entry as JSON: the entry as <c>parse</c> writes it, plus <c>arxiv</c>, <c>titleMatch</c> (and, later, <c>repositories</c>).</summary>
internal static class EnrichJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Serialize(EnrichedEntry e, string? path)
    {
        var node = DigestJson.ToJsonObject(e.Entry, path);
        node["arxiv"] = e.Arxiv is { } r ? JsonSerializer.SerializeToNode(ArxivJson.From(r), EnrichJsonContext.Default.ArxivJson) : null;
        node["titleMatch"] = e.TitleMatch is { } m
            ? JsonSerializer.SerializeToNode(new TitleMatchJson(m.Score, m.Ok, m.Ok ? "ok" : "mismatch"), EnrichJsonContext.Default.TitleMatchJson)
            : null;
        AddRepositories(node, e);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // GitHub: every repository the entry links, with its state (found, renamed, notFound, blocked, failed, notResolved).
    private static void AddRepositories(JsonObject node, EnrichedEntry e)
    {
        IReadOnlyList<RepositoryJson> list = e.Repositories.Select(RepositoryJson.From).ToArray();
        node["repositories"] = JsonSerializer.SerializeToNode(list, RepositoryJson.ListTypeInfo);
    }
}
