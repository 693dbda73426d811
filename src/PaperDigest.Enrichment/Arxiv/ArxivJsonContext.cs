using System.Text.Json.Serialization;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>The source-generated JSON of cached arXiv answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArxivPaper))]
[JsonSerializable(typeof(MissingPayload))]
internal sealed partial class ArxivJsonContext : JsonSerializerContext;

/// <summary>The payload of a cached "not found" answer.</summary>
/// <param name="Reason">What the source said.</param>
internal sealed record MissingPayload(string? Reason);
