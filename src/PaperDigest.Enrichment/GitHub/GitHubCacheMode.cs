namespace PaperDigest.Enrichment.GitHub;

/// <summary>How the GitHub client uses the enrichment cache.</summary>
public enum GitHubCacheMode
{
    /// <summary>Fresh cache entries answer without a request; stale ones are revalidated (with <c>If-None-Match</c> when they have an ETag); everything else is asked.</summary>
    Normal = 0,

    /// <summary>Only the cache answers (fresh or stale); repositories it does not know are <see cref="RepositoryState.NotResolved"/>. No request is sent.</summary>
    Offline = 1,

    /// <summary>The cache is not read: every repository is asked again, unconditionally, and the answers replace the cached ones.</summary>
    Refresh = 2,
}
