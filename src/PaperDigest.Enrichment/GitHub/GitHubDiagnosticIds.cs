namespace PaperDigest.Enrichment.GitHub;

/// <summary>The stable identifiers of the diagnostics <c>validate --online</c> reports about GitHub links. See <c>docs/github.md</c>.</summary>
public static class GitHubDiagnosticIds
{
    /// <summary>The linked repository does not exist (or is private). Warning.</summary>
    public const string RepositoryNotFound = "PD0300";

    /// <summary>The linked repository was renamed or transferred; the message gives the canonical URL and a fix rewrites the link. Warning.</summary>
    public const string RepositoryRenamed = "PD0301";

    /// <summary>The linked repository is archived (read-only). Info.</summary>
    public const string RepositoryArchived = "PD0302";

    /// <summary>Access to the linked repository is blocked for legal reasons (HTTP 451, DMCA). Warning.</summary>
    public const string RepositoryBlocked = "PD0303";

    /// <summary>The linked repository is disabled by GitHub. Warning.</summary>
    public const string RepositoryDisabled = "PD0304";

    /// <summary>The repository could not be checked (server error, timeout, unreadable answer). Info.</summary>
    public const string RepositoryCheckFailed = "PD0305";

    /// <summary>The repository was not checked (rate limit spent, or offline without a cached answer). Info.</summary>
    public const string RepositoryNotChecked = "PD0306";
}
