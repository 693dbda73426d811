using System.Net;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>What an answer from GitHub means to a lookup, whatever the API (REST or GraphQL) that gave it.</summary>
internal enum GitHubAnswer
{
    /// <summary>200: the body holds the answer.</summary>
    Ok,

    /// <summary>304: the cached answer (sent with <c>If-None-Match</c>) is still current.</summary>
    NotModified,

    /// <summary>301, 302, 307, 308: the repository was renamed or transferred; follow <c>Location</c>.</summary>
    Redirect,

    /// <summary>404: no such repository, or it is private.</summary>
    NotFound,

    /// <summary>451: access blocked for legal reasons.</summary>
    Blocked,

    /// <summary>401: the token was rejected; nothing more is asked in this run.</summary>
    BadCredentials,

    /// <summary>403, 429 (and GraphQL's <c>RATE_LIMITED</c>): a rate limit, or a plain refusal.</summary>
    Limited,

    /// <summary>Anything else: the lookup failed.</summary>
    Failed,
}

/// <summary>
/// The one table from HTTP status to <see cref="GitHubAnswer"/>, read by the REST and the GraphQL lookups alike (as Octokit
/// maps statuses in one place); each lookup then handles the answers it can meet and takes the rest as failures.
/// </summary>
internal static class GitHubStatusTable
{
    private static readonly Dictionary<HttpStatusCode, GitHubAnswer> Table = new()
    {
        [HttpStatusCode.OK] = GitHubAnswer.Ok,
        [HttpStatusCode.NotModified] = GitHubAnswer.NotModified,
        [HttpStatusCode.MovedPermanently] = GitHubAnswer.Redirect,
        [HttpStatusCode.Found] = GitHubAnswer.Redirect,
        [HttpStatusCode.TemporaryRedirect] = GitHubAnswer.Redirect,
        [HttpStatusCode.PermanentRedirect] = GitHubAnswer.Redirect,
        [HttpStatusCode.NotFound] = GitHubAnswer.NotFound,
        [HttpStatusCode.UnavailableForLegalReasons] = GitHubAnswer.Blocked,
        [HttpStatusCode.Unauthorized] = GitHubAnswer.BadCredentials,
        [HttpStatusCode.Forbidden] = GitHubAnswer.Limited,
        [HttpStatusCode.TooManyRequests] = GitHubAnswer.Limited,
    };

    /// <summary>What a status means.</summary>
    public static GitHubAnswer Of(HttpStatusCode status) => Table.GetValueOrDefault(status, GitHubAnswer.Failed);
}

/// <summary>One repository asked for: as requested, parsed, and its cache key.</summary>
internal sealed record GitHubWanted(string Requested, string Owner, string Repo, string Key);

/// <summary>
/// One call of <see cref="GitHubClient.GetRepositoriesAsync"/>: once a rate limit or a rejected token stops it, nothing more
/// is asked and every repository not yet answered is reported not resolved, with the reason.
/// </summary>
internal sealed class GitHubRun
{
    public string? StopReason { get; private set; }

    public void Stop(string reason) => StopReason ??= reason;
}

/// <summary>The results and messages the lookups share, so that REST and GraphQL say the same thing for the same outcome.</summary>
internal static class GitHubOutcomes
{
    public const string BadCredentialsStop = "GitHub rejected the token (HTTP 401 Bad credentials); check GITHUB_TOKEN, GH_TOKEN or --github-token.";

    public const string BadCredentials = "GitHub rejected the token (HTTP 401).";

    public static RepositoryResult Failed(GitHubWanted w, string? reason) => new(w.Requested, RepositoryState.Failed, Reason: reason);

    public static RepositoryResult NotResolved(GitHubWanted w, GitHubRun run) => new(w.Requested, RepositoryState.NotResolved, Reason: run.StopReason ?? "not asked");

    public static RepositoryResult ResultFor(string requested, GitHubRepository repository)
        => new(requested, string.Equals(requested, repository.FullName, StringComparison.OrdinalIgnoreCase) ? RepositoryState.Found : RepositoryState.Renamed, repository);

    /// <summary>A refusal that is no rate limit: <c>GitHub answered 403: message</c>.</summary>
    public static string Refused(int status, string? message) => $"GitHub answered {status}: {Trim(message) ?? "forbidden"}";

    /// <summary>Any other status: <c>GitHub answered 500 Internal Server Error</c>.</summary>
    public static string Answered(int status, string? reasonPhrase) => $"GitHub answered {status} {reasonPhrase}".TrimEnd();

    public static string? Trim(string? message)
        => message is null ? null : message.Length <= 200 ? message : string.Concat(message.AsSpan(0, 200), "…");

    public static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
