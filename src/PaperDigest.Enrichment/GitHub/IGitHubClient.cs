namespace PaperDigest.Enrichment.GitHub;

/// <summary>What became of one repository lookup. A state is a result, never an exception.</summary>
public enum RepositoryState
{
    /// <summary>The repository exists under the name asked for.</summary>
    Found = 0,

    /// <summary>The repository was renamed or transferred; <see cref="RepositoryResult.Repository"/> has the canonical name.</summary>
    Renamed = 1,

    /// <summary>No such repository (or it is private).</summary>
    NotFound = 2,

    /// <summary>Access is blocked for legal reasons (HTTP 451, DMCA).</summary>
    Blocked = 3,

    /// <summary>The lookup failed (server errors, timeouts, bad answers); <see cref="RepositoryResult.Reason"/> says why.</summary>
    Failed = 4,

    /// <summary>Not asked: the rate limit was spent, or the cache had no answer offline.</summary>
    NotResolved = 5,
}

/// <summary>What GitHub knows about a repository.</summary>
public sealed record GitHubRepository
{
    /// <summary>The canonical owner.</summary>
    public required string Owner { get; init; }

    /// <summary>The canonical name.</summary>
    public required string Name { get; init; }

    /// <summary>The canonical <c>owner/name</c>.</summary>
    public string FullName => $"{Owner}/{Name}";

    /// <summary>The repository's web page.</summary>
    public required string HtmlUrl { get; init; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The number of stars.</summary>
    public int Stars { get; init; }

    /// <summary>The number of forks.</summary>
    public int Forks { get; init; }

    /// <summary>The licence's SPDX identifier, if GitHub recognised one.</summary>
    public string? License { get; init; }

    /// <summary>The primary language, if any.</summary>
    public string? Language { get; init; }

    /// <summary>The topics.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Whether the repository is archived (read-only).</summary>
    public bool Archived { get; init; }

    /// <summary>Whether the repository is disabled.</summary>
    public bool Disabled { get; init; }

    /// <summary>When something was last pushed.</summary>
    public DateTimeOffset? PushedAt { get; init; }

    /// <summary>The default branch.</summary>
    public string? DefaultBranch { get; init; }

    /// <summary>The homepage, if set.</summary>
    public string? Homepage { get; init; }
}

/// <summary>The result of looking up one repository.</summary>
/// <param name="Requested">The <c>owner/name</c> asked for.</param>
/// <param name="State">What became of it.</param>
/// <param name="Repository">The repository, when <see cref="State"/> is <see cref="RepositoryState.Found"/> or <see cref="RepositoryState.Renamed"/>.</param>
/// <param name="Reason">Why, when it failed or was not resolved.</param>
public sealed record RepositoryResult(string Requested, RepositoryState State, GitHubRepository? Repository = null, string? Reason = null)
{
    /// <summary>Whether GitHub gave a definite answer (found, renamed, not found, blocked); <see langword="false"/> for failed and not-resolved lookups, which make enrichment incomplete.</summary>
    public bool IsDefinite => State is not (RepositoryState.Failed or RepositoryState.NotResolved);
}

/// <summary>Looks up GitHub repositories, quota-frugally (GraphQL batches with a token, REST with ETags without).</summary>
public interface IGitHubClient
{
    /// <summary>Looks up repositories by <c>owner/name</c>; every name asked for has a result, keyed as asked (case-insensitive).</summary>
    /// <param name="names">The repositories, as <c>owner/name</c>.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The results by requested name.</returns>
    Task<IReadOnlyDictionary<string, RepositoryResult>> GetRepositoriesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default);
}
