using System.Reflection;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>Settings for <see cref="GitHubClient"/>. Validated once, when the client is registered or created.</summary>
public sealed class GitHubClientOptions
{
    /// <summary>The public GitHub REST API.</summary>
    public static Uri PublicApiUrl { get; } = new("https://api.github.com/");

    /// <summary>The environment variables a token is read from, in order, when <see cref="ReadTokenFromEnvironment"/> is set.</summary>
    public static IReadOnlyList<string> TokenEnvironmentVariables { get; } = ["GITHUB_TOKEN", "GH_TOKEN"];

    /// <summary>The REST API base URL: <c>https://api.github.com/</c>, or <c>https://HOST/api/v3</c> for GitHub Enterprise Server.</summary>
    /// <value>The default value is <see cref="PublicApiUrl"/>.</value>
    public Uri ApiUrl { get; set; } = PublicApiUrl;

    /// <summary>
    /// The GraphQL endpoint; <see langword="null"/> derives it from <see cref="ApiUrl"/>: <c>https://api.github.com/graphql</c>,
    /// or <c>https://HOST/api/graphql</c> when <see cref="ApiUrl"/> ends in <c>/api/v3</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? GraphQlUrl { get; set; }

    /// <summary>
    /// The token (a personal access token or the Actions <c>GITHUB_TOKEN</c>). With a token, lookups are batched through GraphQL;
    /// without one they use REST. The token is sent only to the host of <see cref="ApiUrl"/> and never appears in results, logs or the cache.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Token { get; set; }

    /// <summary>Whether to read the token from <c>GITHUB_TOKEN</c>, then <c>GH_TOKEN</c>, when <see cref="Token"/> is not set.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ReadTokenFromEnvironment { get; set; } = true;

    /// <summary>Whether lookups go through GraphQL batches when there is a token (REST is always used without one, and for revalidating cached entries that have an ETag).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseGraphQl { get; set; } = true;

    /// <summary>The <c>User-Agent</c> sent with every request (GitHub rejects requests without one).</summary>
    /// <value>The default value is <c>PaperDigest/{version} (+https://github.com/paperdigest/paperdigest)</c>.</value>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>How the cache is used.</summary>
    /// <value>The default value is <see cref="GitHubCacheMode.Normal"/>.</value>
    public GitHubCacheMode CacheMode { get; set; } = GitHubCacheMode.Normal;

    /// <summary>How long a found repository (cache kind <c>github</c>) stays fresh.</summary>
    /// <value>The default value is 1 day.</value>
    public TimeSpan RepositoryTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a definite "not found" or "access blocked" answer (cache kind <c>github-missing</c>) stays fresh.</summary>
    /// <value>The default value is 1 day.</value>
    public TimeSpan MissingTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The longest wait for a spent primary rate limit to reset. If the reset is further away, the client stops asking and marks
    /// the remaining repositories <see cref="RepositoryState.NotResolved"/>.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times one request is retried after a secondary rate limit before the client stops asking.</summary>
    /// <value>The default value is 3.</value>
    public int SecondaryRateLimitRetries { get; set; } = 3;

    /// <summary>
    /// The longest single wait after a secondary rate limit. Without <c>retry-after</c> the client waits 60 s, then 120 s, 240 s…
    /// up to this bound; a <c>retry-after</c> longer than this stops the run.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MaxSecondaryWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many repositories one GraphQL query asks for (1 to 100).</summary>
    /// <value>The default value is 50.</value>
    public int GraphQlBatchSize { get; set; } = 50;

    /// <summary>How long one attempt of one request may take.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a request is retried after a transient failure (HTTP 5xx, 408, a timeout, a broken connection).</summary>
    /// <value>The default value is 2.</value>
    public int TransientRetries { get; set; } = 2;

    /// <summary>The first delay before a transient retry; it doubles with each retry.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many redirects (a renamed or transferred repository answers 301) one lookup follows.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The default <see cref="UserAgent"/>: the tool and its version.</summary>
    internal static string DefaultUserAgent { get; } =
        $"PaperDigest/{typeof(GitHubClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0"} (+https://github.com/paperdigest/paperdigest)";

    /// <summary>The GraphQL endpoint actually used: <see cref="GraphQlUrl"/> or the one derived from <see cref="ApiUrl"/>.</summary>
    /// <returns>The endpoint.</returns>
    internal Uri GetGraphQlUrl()
    {
        if (GraphQlUrl is not null)
        {
            return GraphQlUrl;
        }

        var api = WithTrailingSlash(ApiUrl);
        var path = api.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? new Uri(api, path[..^"/v3".Length] + "/graphql")
            : new Uri(api, "graphql");
    }

    /// <summary>The token actually used: <see cref="Token"/>, else (when allowed) the first non-empty environment variable of <see cref="TokenEnvironmentVariables"/>.</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; <see langword="null"/> uses the process environment.</param>
    /// <returns>The token, or <see langword="null"/> when there is none.</returns>
    internal string? ResolveToken(Func<string, string?>? getEnvironmentVariable = null)
    {
        if (!string.IsNullOrWhiteSpace(Token))
        {
            return Token.Trim();
        }

        if (!ReadTokenFromEnvironment)
        {
            return null;
        }

        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        foreach (var name in TokenEnvironmentVariables)
        {
            var value = getEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>Checks every setting and lists every problem.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ApiUrl is null || !ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttps && ApiUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("ApiUrl must be an absolute http(s) URL such as https://api.github.com/ or https://HOST/api/v3.");
        }

        if (GraphQlUrl is not null && (!GraphQlUrl.IsAbsoluteUri || (GraphQlUrl.Scheme != Uri.UriSchemeHttps && GraphQlUrl.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add("GraphQlUrl must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            problems.Add("UserAgent must not be empty (GitHub rejects requests without one).");
        }

        if (Token is not null && Token.Any(char.IsControl))
        {
            problems.Add("Token must not contain control characters.");
        }

        if (!Enum.IsDefined(CacheMode))
        {
            problems.Add("CacheMode is not a known mode.");
        }

        if (RepositoryTtl <= TimeSpan.Zero)
        {
            problems.Add("RepositoryTtl must be positive.");
        }

        if (MissingTtl <= TimeSpan.Zero)
        {
            problems.Add("MissingTtl must be positive.");
        }

        if (MaxWait < TimeSpan.Zero)
        {
            problems.Add("MaxWait must not be negative.");
        }

        if (SecondaryRateLimitRetries < 0)
        {
            problems.Add("SecondaryRateLimitRetries must not be negative.");
        }

        if (MaxSecondaryWait < TimeSpan.FromSeconds(60))
        {
            problems.Add("MaxSecondaryWait must be at least 60 seconds (GitHub asks for at least a minute after a secondary rate limit).");
        }

        if (GraphQlBatchSize is < 1 or > 100)
        {
            problems.Add("GraphQlBatchSize must be between 1 and 100.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add("AttemptTimeout must be positive.");
        }

        if (TransientRetries is < 0 or > 10)
        {
            problems.Add("TransientRetries must be between 0 and 10.");
        }

        if (TransientRetryDelay < TimeSpan.Zero)
        {
            problems.Add("TransientRetryDelay must not be negative.");
        }

        if (MaxRedirects is < 0 or > 20)
        {
            problems.Add("MaxRedirects must be between 0 and 20.");
        }

        return problems;
    }

    /// <summary>Throws one exception listing every problem when the options are invalid.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    internal void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid GitHub client options: " + string.Join(" ", problems));
        }
    }

    /// <summary>A copy of these options, so that later changes to this instance do not affect a client.</summary>
    /// <returns>The copy.</returns>
    internal GitHubClientOptions Clone() => (GitHubClientOptions)MemberwiseClone();

    internal static Uri WithTrailingSlash(Uri uri)
        => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
