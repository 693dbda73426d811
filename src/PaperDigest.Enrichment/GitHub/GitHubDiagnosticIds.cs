using PaperDigest.Validation;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>The GitHub rules of <c>validate --online</c>: aliases of <see cref="RuleIds"/>, described once in <see cref="RuleCatalog"/>.</summary>
public static class GitHubDiagnosticIds
{
    /// <summary>The linked repository does not exist (or is private).</summary>
    public const string RepositoryNotFound = RuleIds.RepositoryNotFound;

    /// <summary>The linked repository was renamed or transferred; the message gives the canonical URL and a fix rewrites the link.</summary>
    public const string RepositoryRenamed = RuleIds.RepositoryRenamed;

    /// <summary>The linked repository is archived (read-only).</summary>
    public const string RepositoryArchived = RuleIds.RepositoryArchived;

    /// <summary>Access to the linked repository is blocked for legal reasons (HTTP 451, DMCA).</summary>
    public const string RepositoryBlocked = RuleIds.RepositoryAccessBlocked;

    /// <summary>The linked repository is disabled by GitHub.</summary>
    public const string RepositoryDisabled = RuleIds.RepositoryDisabled;

    /// <summary>The repository could not be checked (server error, timeout, unreadable answer).</summary>
    public const string RepositoryCheckFailed = RuleIds.RepositoryCheckFailed;

    /// <summary>The repository was not checked (rate limit spent, or offline without a cached answer).</summary>
    public const string RepositoryNotChecked = RuleIds.RepositoryNotChecked;
}
