using System.Text.Json.Serialization;
using PaperDigest.Model;

namespace PaperDigest.Serialization;

/// <summary>The JSON form of an entry (camelCase), as <c>paperdigest parse</c> writes it.</summary>
internal sealed record EntryJson
{
    /// <summary>The English title.</summary>
    public required string Title { get; init; }

    /// <summary>The translated title.</summary>
    public required string TranslatedTitle { get; init; }

    /// <summary>The canonical arXiv identifier, or <see langword="null"/>.</summary>
    public string? ArxivId { get; init; }

    /// <summary>The arXiv version, or <see langword="null"/>.</summary>
    public int? ArxivVersion { get; init; }

    /// <summary>The paper link as written.</summary>
    public required string Url { get; init; }

    /// <summary>The abstract as plain text.</summary>
    [JsonConverter(typeof(RelaxedStringConverter))]
    public required string Abstract { get; init; }

    /// <summary>The abstract as Markdown.</summary>
    [JsonConverter(typeof(RelaxedStringConverter))]
    public required string AbstractMarkdown { get; init; }

    /// <summary>The links in the abstract.</summary>
    public required IReadOnlyList<LinkJson> Links { get; init; }

    /// <summary>Where the entry is.</summary>
    public required SourceJson Source { get; init; }

    /// <summary>Creates the JSON form of an entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="path">The file path to record.</param>
    /// <returns>The JSON model.</returns>
    public static EntryJson From(DigestEntry entry, string? path)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new EntryJson
        {
            Title = entry.Title,
            TranslatedTitle = entry.TranslatedTitle,
            ArxivId = entry.ArxivId?.Value,
            ArxivVersion = entry.ArxivId?.Version,
            Url = entry.Url,
            Abstract = entry.Abstract,
            AbstractMarkdown = entry.AbstractMarkdown,
            Links = entry.Links.Select(LinkJson.From).ToArray(),
            Source = SourceJson.From(path, entry.Span),
        };
    }
}

/// <summary>The JSON form of a link.</summary>
internal sealed record LinkJson
{
    /// <summary>The normalised URL.</summary>
    public required string Url { get; init; }

    /// <summary>The kind: <c>arxiv</c>, <c>github</c>, <c>project</c>, <c>paper-page</c> or <c>other</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The GitHub owner, for GitHub links.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Owner { get; init; }

    /// <summary>The GitHub repository name, for GitHub links.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Repo { get; init; }

    /// <summary>The arXiv identifier, for arXiv and paper-page links.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArxivId { get; init; }

    /// <summary>The link text.</summary>
    public required string Text { get; init; }

    /// <summary>The URL as written, when it differs from <see cref="Url"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OriginalUrl { get; init; }

    /// <summary>Whether the URL was repaired.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Repaired { get; init; }

    /// <summary>The name used in JSON for a link kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    public static string KindName(LinkKind kind) => kind switch
    {
        LinkKind.Arxiv => "arxiv",
        LinkKind.GitHubRepository => "github",
        LinkKind.ProjectPage => "project",
        LinkKind.PaperPage => "paper-page",
        _ => "other",
    };

    /// <summary>Creates the JSON form of a link.</summary>
    /// <param name="link">The link.</param>
    /// <returns>The JSON model.</returns>
    public static LinkJson From(DigestLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new LinkJson
        {
            Url = link.Url,
            Kind = KindName(link.Kind),
            Owner = link.Owner,
            Repo = link.Repo,
            ArxivId = link.ArxivId?.Value,
            Text = link.Text,
            OriginalUrl = link.OriginalUrl == link.Url ? null : link.OriginalUrl,
            Repaired = link.Repaired,
        };
    }
}

/// <summary>The JSON form of a source position.</summary>
internal sealed record SourceJson
{
    /// <summary>The file path, or <see langword="null"/>.</summary>
    public string? Path { get; init; }

    /// <summary>The 1-based start line.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based start column (UTF-16 units).</summary>
    public int Column { get; init; }

    /// <summary>The 1-based end line.</summary>
    public int EndLine { get; init; }

    /// <summary>The 1-based column just after the end (UTF-16 units).</summary>
    public int EndColumn { get; init; }

    /// <summary>Creates the JSON form of a span.</summary>
    /// <param name="path">The path.</param>
    /// <param name="span">The span.</param>
    /// <returns>The JSON model.</returns>
    public static SourceJson From(string? path, SourceSpan span)
        => new() { Path = path, Line = span.StartLine, Column = span.StartColumn, EndLine = span.EndLine, EndColumn = span.EndColumn };
}

/// <summary>The JSON form of a diagnostic.</summary>
internal sealed record DiagnosticJson
{
    /// <summary>The rule identifier.</summary>
    public required string Id { get; init; }

    /// <summary>The rule name, when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary><c>error</c>, <c>warning</c> or <c>info</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>The message.</summary>
    public required string Message { get; init; }

    /// <summary>Where.</summary>
    public required SourceJson Source { get; init; }

    /// <summary>The arXiv identifier of the entry concerned.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArxivId { get; init; }

    /// <summary>Creates the JSON form of a diagnostic.</summary>
    /// <param name="d">The diagnostic.</param>
    /// <param name="name">The rule name, if known.</param>
    /// <returns>The JSON model.</returns>
    public static DiagnosticJson From(Diagnostic d, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DiagnosticJson
        {
            Id = d.Id, Name = name, Severity = Diagnostic.SeverityName(d.Severity), Message = d.Message,
            Source = SourceJson.From(d.Path, d.Span), ArxivId = d.ArxivId,
        };
    }
}

/// <summary>The JSON form of a whole document.</summary>
internal sealed record DocumentJson
{
    /// <summary>The path.</summary>
    public string? Path { get; init; }

    /// <summary>The layout name.</summary>
    public required string Layout { get; init; }

    /// <summary>The preamble Markdown.</summary>
    public required string Preamble { get; init; }

    /// <summary>The entries.</summary>
    public required IReadOnlyList<EntryJson> Entries { get; init; }

    /// <summary>The diagnostics.</summary>
    public required IReadOnlyList<DiagnosticJson> Diagnostics { get; init; }

    /// <summary>Creates the JSON form of a document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The JSON model.</returns>
    public static DocumentJson From(DigestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DocumentJson
        {
            Path = document.Path,
            Layout = document.Layout,
            Preamble = document.Preamble,
            Entries = document.Entries.Select(e => EntryJson.From(e, document.Path)).ToArray(),
            Diagnostics = document.Diagnostics.Select(d => DiagnosticJson.From(d)).ToArray(),
        };
    }
}

/// <summary>System.Text.Json source-generated metadata for the JSON models (camelCase, AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(EntryJson))]
[JsonSerializable(typeof(LinkJson))]
[JsonSerializable(typeof(SourceJson))]
[JsonSerializable(typeof(DiagnosticJson))]
[JsonSerializable(typeof(DocumentJson))]
[JsonSerializable(typeof(IReadOnlyList<EntryJson>))]
[JsonSerializable(typeof(IReadOnlyList<DiagnosticJson>))]
[JsonSerializable(typeof(IReadOnlyList<DocumentJson>))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;
