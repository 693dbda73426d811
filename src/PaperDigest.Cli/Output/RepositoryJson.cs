using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Cli.Output;

/// <summary>
/// The JSON form of one repository lookup (camelCase), as <c>paperdigest enrich</c> writes it under an entry's
/// <c>repositories</c>: the state (<c>found</c>, <c>renamed</c>, <c>notFound</c>, <c>blocked</c>, <c>failed</c>, <c>notResolved</c>)
/// and, when found, every field of <see cref="GitHubRepository"/>.
/// </summary>
internal sealed record RepositoryJson
{
    /// <summary>The <c>owner/name</c> as linked.</summary>
    public required string Requested { get; init; }

    /// <summary>The state, camelCase.</summary>
    public required string State { get; init; }

    /// <summary>The canonical <c>owner/name</c>, when found.</summary>
    public string? FullName { get; init; }

    /// <summary>The web page, when found.</summary>
    public string? HtmlUrl { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The number of stars.</summary>
    public int? Stars { get; init; }

    /// <summary>The number of forks.</summary>
    public int? Forks { get; init; }

    /// <summary>The licence's SPDX identifier.</summary>
    public string? License { get; init; }

    /// <summary>The primary language.</summary>
    public string? Language { get; init; }

    /// <summary>The topics.</summary>
    public IReadOnlyList<string>? Topics { get; init; }

    /// <summary>Whether the repository is archived.</summary>
    public bool? Archived { get; init; }

    /// <summary>Whether the repository is disabled.</summary>
    public bool? Disabled { get; init; }

    /// <summary>When something was last pushed.</summary>
    public DateTimeOffset? PushedAt { get; init; }

    /// <summary>The default branch.</summary>
    public string? DefaultBranch { get; init; }

    /// <summary>The homepage.</summary>
    public string? Homepage { get; init; }

    /// <summary>Why it failed or was not resolved (or why a cached answer was used).</summary>
    public string? Reason { get; init; }

    /// <summary>The AOT-safe type information for a list of <see cref="RepositoryJson"/>.</summary>
    public static JsonTypeInfo<IReadOnlyList<RepositoryJson>> ListTypeInfo => RepositoryJsonContext.Default.IReadOnlyListRepositoryJson;

    /// <summary>Creates the JSON form of a lookup result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON model.</returns>
    public static RepositoryJson From(RepositoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Repository;
        return new RepositoryJson
        {
            Requested = result.Requested,
            State = StateName(result.State),
            FullName = r?.FullName,
            HtmlUrl = r?.HtmlUrl,
            Description = r?.Description,
            Stars = r?.Stars,
            Forks = r?.Forks,
            License = r?.License,
            Language = r?.Language,
            Topics = r?.Topics,
            Archived = r?.Archived,
            Disabled = r?.Disabled,
            PushedAt = r?.PushedAt,
            DefaultBranch = r?.DefaultBranch,
            Homepage = r?.Homepage,
            Reason = result.Reason,
        };
    }

    /// <summary>The camelCase name of a state, as written in JSON.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    public static string StateName(RepositoryState state) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.ToString());
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RepositoryJson))]
[JsonSerializable(typeof(IReadOnlyList<RepositoryJson>))]
internal sealed partial class RepositoryJsonContext : JsonSerializerContext;
