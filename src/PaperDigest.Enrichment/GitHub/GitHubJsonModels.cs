using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>The parts of a REST <c>GET /repos/{owner}/{repo}</c> answer the client reads.</summary>
internal sealed class RestRepository
{
    public string? Name { get; set; }

    public string? FullName { get; set; }

    public RestOwner? Owner { get; set; }

    public string? HtmlUrl { get; set; }

    public string? Description { get; set; }

    public int StargazersCount { get; set; }

    public int ForksCount { get; set; }

    public RestLicense? License { get; set; }

    public string? Language { get; set; }

    public List<string>? Topics { get; set; }

    public bool Archived { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset? PushedAt { get; set; }

    public string? DefaultBranch { get; set; }

    public string? Homepage { get; set; }
}

internal sealed class RestOwner
{
    public string? Login { get; set; }
}

internal sealed class RestLicense
{
    public string? SpdxId { get; set; }
}

/// <summary>A REST error body (<c>message</c>, and for 451 the <c>block</c>).</summary>
internal sealed class RestError
{
    public string? Message { get; set; }

    public RestBlock? Block { get; set; }
}

internal sealed class RestBlock
{
    public string? Reason { get; set; }

    public string? HtmlUrl { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RestRepository))]
[JsonSerializable(typeof(RestError))]
internal sealed partial class GitHubRestJsonContext : JsonSerializerContext;

/// <summary>A GraphQL request.</summary>
internal sealed class GraphQlRequest
{
    public required string Query { get; init; }

    public required Dictionary<string, string> Variables { get; init; }
}

/// <summary>A GraphQL answer: <c>data</c> (aliases are read one by one) and <c>errors</c>.</summary>
internal sealed class GraphQlResponse
{
    public JsonElement? Data { get; set; }

    public List<GraphQlError>? Errors { get; set; }
}

internal sealed class GraphQlError
{
    public string? Type { get; set; }

    public List<JsonElement>? Path { get; set; }

    public string? Message { get; set; }
}

internal sealed class GraphQlRateLimit
{
    public int Cost { get; set; }

    public int Remaining { get; set; }

    public DateTimeOffset? ResetAt { get; set; }
}

internal sealed class GraphQlRepository
{
    public string? NameWithOwner { get; set; }

    public string? Url { get; set; }

    public string? Description { get; set; }

    public string? HomepageUrl { get; set; }

    public int StargazerCount { get; set; }

    public int ForkCount { get; set; }

    public GraphQlLicense? LicenseInfo { get; set; }

    public GraphQlNamed? PrimaryLanguage { get; set; }

    public bool IsArchived { get; set; }

    public bool IsDisabled { get; set; }

    public DateTimeOffset? PushedAt { get; set; }

    public GraphQlNamed? DefaultBranchRef { get; set; }

    public GraphQlTopics? RepositoryTopics { get; set; }
}

internal sealed class GraphQlLicense
{
    public string? SpdxId { get; set; }
}

internal sealed class GraphQlNamed
{
    public string? Name { get; set; }
}

internal sealed class GraphQlTopics
{
    public List<GraphQlTopicNode>? Nodes { get; set; }
}

internal sealed class GraphQlTopicNode
{
    public GraphQlNamed? Topic { get; set; }
}

/// <summary>The payload of a <c>github-missing</c> cache entry.</summary>
internal sealed class MissingPayload
{
    public RepositoryState State { get; set; }

    public string? Reason { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphQlRequest))]
[JsonSerializable(typeof(GraphQlResponse))]
[JsonSerializable(typeof(GraphQlRateLimit))]
[JsonSerializable(typeof(GraphQlRepository))]
[JsonSerializable(typeof(GitHubRepository))]
[JsonSerializable(typeof(MissingPayload))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
