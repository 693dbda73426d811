namespace PaperDigest.Enrichment.GitHub;

/// <summary>What a <see cref="GitHubClient"/> has done so far: requests sent and answers taken from the cache.</summary>
internal sealed record GitHubRequestStatistics
{
    /// <summary>REST requests sent, counting each redirect hop and each retry after a rate limit, but not transient retries.</summary>
    public int RestRequests { get; init; }

    /// <summary>REST answers that were <c>304 Not Modified</c> (they cost no quota).</summary>
    public int NotModified { get; init; }

    /// <summary>GraphQL queries sent.</summary>
    public int GraphQlRequests { get; init; }

    /// <summary>The GraphQL rate-limit points spent, as GitHub reported them (<c>rateLimit.cost</c>).</summary>
    public int GraphQlCost { get; init; }

    /// <summary>Repositories answered from a fresh (or, offline, any) cache entry without a request.</summary>
    public int CacheHits { get; init; }

    /// <summary>Time spent waiting for rate limits.</summary>
    public TimeSpan RateLimitWait { get; init; }

    /// <summary>Every request sent.</summary>
    public int TotalRequests => RestRequests + GraphQlRequests;
}

/// <summary>The running counts behind <see cref="GitHubRequestStatistics"/>, updated by every part of the client.</summary>
internal sealed class GitHubCounters
{
    public int RestRequests;
    public int NotModified;
    public int GraphQlRequests;
    public int GraphQlCost;
    public int CacheHits;
    public long WaitTicks;

    public GitHubRequestStatistics Snapshot() => new()
    {
        RestRequests = Volatile.Read(ref RestRequests),
        NotModified = Volatile.Read(ref NotModified),
        GraphQlRequests = Volatile.Read(ref GraphQlRequests),
        GraphQlCost = Volatile.Read(ref GraphQlCost),
        CacheHits = Volatile.Read(ref CacheHits),
        RateLimitWait = TimeSpan.FromTicks(Interlocked.Read(ref WaitTicks)),
    };
}
