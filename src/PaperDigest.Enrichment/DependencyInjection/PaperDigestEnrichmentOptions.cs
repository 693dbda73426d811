using System.Reflection;

namespace PaperDigest.Enrichment.DependencyInjection;

/// <summary>Settings of the arXiv client.</summary>
public sealed class ArxivOptions
{
    /// <summary>The real API endpoint.</summary>
    public const string DefaultApiUrl = "https://export.arxiv.org/api/query";

    /// <summary>The real abstract pages.</summary>
    public const string DefaultAbsPageUrl = "https://arxiv.org/abs/";

    /// <summary>The least spacing arXiv's terms allow against its own hosts.</summary>
    internal static readonly TimeSpan MinimumIntervalForArxivHosts = TimeSpan.FromSeconds(3);

    /// <summary>The API query endpoint; tests and mirrors point it elsewhere.</summary>
    /// <value>The default value is <c>https://export.arxiv.org/api/query</c>.</value>
    public Uri ApiUrl { get; set; } = new(DefaultApiUrl);

    /// <summary>The prefix of abstract pages (the identifier is appended), used as the fallback source.</summary>
    /// <value>The default value is <c>https://arxiv.org/abs/</c>.</value>
    public Uri AbsPageUrl { get; set; } = new(DefaultAbsPageUrl);

    /// <summary>How many identifiers go in one API request (<c>id_list</c>); <c>max_results</c> is always this value.</summary>
    /// <value>The default value is 100. It must be between 1 and 2000.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>The least time between the end of one request and the start of the next (one request at a time).</summary>
    /// <value>The default value is 3 seconds. It must not be below 3 seconds against arxiv.org hosts.</value>
    public TimeSpan MinRequestInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times a request is retried on 429, 503, other 5xx, timeouts and connection failures.</summary>
    /// <value>The default value is 4. It must be between 0 and 10.</value>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between retries; a <c>Retry-After</c> asking for longer ends the retries.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take, body included.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take with all its retries and waits.</summary>
    /// <value>The default value is 5 minutes. It must exceed <see cref="AttemptTimeout"/>.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many attempts in a row at one host (the API, the abstract pages) may fail (5xx, 429, time-outs, connection
    /// failures) before that host is not asked again for the rest of the run: a circuit breaker, so that when arXiv is down
    /// the remaining identifiers are reported unresolved at once instead of each waiting through its retries. 0 turns it off.
    /// </summary>
    /// <value>The default value is 5. It must be 0 or between 2 and 100.</value>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>Whether to read the abstract pages when the API keeps failing for a batch.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseAbsPageFallback { get; set; } = true;

    /// <summary>A Kaggle metadata snapshot to answer from instead of the network (JSON Lines, optionally gzip).</summary>
    /// <value>The default value is <see langword="null"/> (use the API).</value>
    public string? SnapshotPath { get; set; }

    /// <summary>The largest response accepted, in bytes (and characters of XML).</summary>
    /// <value>The default value is 32 MiB. It must be between 1 KiB and 2 GiB.</value>
    public long MaxResponseBytes { get; set; } = 32L << 20;

    /// <summary>How long a found paper stays fresh in the cache (kind <c>arxiv</c>).</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan MetadataTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a "not found" answer stays fresh in the cache (kind <c>arxiv-missing</c>).</summary>
    /// <value>The default value is 1 day.</value>
    public TimeSpan MissingTimeToLive { get; set; } = TimeSpan.FromDays(1);

    internal static bool IsArxivHost(Uri uri)
        => uri.Host.Equals("arxiv.org", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".arxiv.org", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Settings of <see cref="ServiceCollectionExtensions.AddPaperDigestEnrichment"/>; validated once, at registration.</summary>
public sealed class PaperDigestEnrichmentOptions
{
    /// <summary>The project URL named in the <c>User-Agent</c>.</summary>
    internal const string ProjectUrl = "https://github.com/paperdigest/paperdigest";

    /// <summary>The arXiv client's settings.</summary>
    public ArxivOptions Arxiv { get; } = new();

    /// <summary>Whether to use the persistent cache.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseCache { get; set; } = true;

    /// <summary>The cache file; <see langword="null"/> for the default (<c>$XDG_CACHE_HOME/paperdigest/enrichment.db</c> or <c>~/.cache/paperdigest/enrichment.db</c>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? CachePath { get; set; }

    /// <summary>Answer from the cache only (stale entries included); anything else fails without a request.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Offline { get; set; }

    /// <summary>Ignore cached answers (fresh answers are still stored).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Refresh { get; set; }

    /// <summary>The least title similarity (0 to 1, after normalising case, punctuation and white space) counted as a match.</summary>
    /// <value>The default value is 0.9.</value>
    public double TitleMatchThreshold { get; set; } = 0.9;

    /// <summary>The <c>User-Agent</c> of every request: tool name, version and project URL.</summary>
    /// <value>The default value is <c>PaperDigest/VERSION (+https://github.com/paperdigest/paperdigest)</c>.</value>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>
    /// A deadline for all of the run's arXiv requests, counted from the first request: past it no request is made and every
    /// identifier not yet answered is reported unresolved.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (no deadline). It must be positive.</value>
    public TimeSpan? Deadline { get; set; }

    /// <summary>Called once with a message when a host has failed so often that it is not asked again in this run.</summary>
    /// <value>The default value is <see langword="null"/> (not reported).</value>
    public Action<string>? RemoteProblemReporter { get; set; }

    /// <summary>Called with a message when the cache had a problem (a corrupt file rebuilt, a failed write); never fatal.</summary>
    /// <value>The default value is <see langword="null"/> (problems are ignored).</value>
    public Action<string>? CacheProblemReporter { get; set; }

    /// <summary>The default <c>User-Agent</c>.</summary>
    public static string DefaultUserAgent { get; } =
        $"PaperDigest/{typeof(PaperDigestEnrichmentOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0"} (+{ProjectUrl})";

    /// <summary>Lists every problem with these settings; empty when they are valid.</summary>
    /// <returns>The problems, one sentence each.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var a = Arxiv;
        if (a.ApiUrl is null || !a.ApiUrl.IsAbsoluteUri || (a.ApiUrl.Scheme != Uri.UriSchemeHttp && a.ApiUrl.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Arxiv.ApiUrl must be an absolute http or https URL.");
        }

        if (a.AbsPageUrl is null || !a.AbsPageUrl.IsAbsoluteUri || (a.AbsPageUrl.Scheme != Uri.UriSchemeHttp && a.AbsPageUrl.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Arxiv.AbsPageUrl must be an absolute http or https URL.");
        }

        if (a.BatchSize is < 1 or > 2000)
        {
            problems.Add($"Arxiv.BatchSize must be between 1 and 2000 (was {a.BatchSize}).");
        }

        if (a.MinRequestInterval < TimeSpan.Zero)
        {
            problems.Add("Arxiv.MinRequestInterval must not be negative.");
        }

        if (a.MinRequestInterval < ArxivOptions.MinimumIntervalForArxivHosts
            && ((a.ApiUrl?.IsAbsoluteUri == true && ArxivOptions.IsArxivHost(a.ApiUrl)) || (a.AbsPageUrl?.IsAbsoluteUri == true && ArxivOptions.IsArxivHost(a.AbsPageUrl))))
        {
            problems.Add($"Arxiv.MinRequestInterval must be at least 3 seconds against arxiv.org hosts, as arXiv's terms ask (was {a.MinRequestInterval.TotalSeconds} s).");
        }

        if (a.MaxRetryAttempts is < 0 or > 10)
        {
            problems.Add($"Arxiv.MaxRetryAttempts must be between 0 and 10 (was {a.MaxRetryAttempts}).");
        }

        if (a.BaseRetryDelay <= TimeSpan.Zero || a.MaxRetryDelay < a.BaseRetryDelay)
        {
            problems.Add("Arxiv.BaseRetryDelay must be positive and not above Arxiv.MaxRetryDelay.");
        }

        if (a.AttemptTimeout <= TimeSpan.Zero || a.TotalTimeout <= a.AttemptTimeout)
        {
            problems.Add("Arxiv.AttemptTimeout must be positive and Arxiv.TotalTimeout longer than it.");
        }

        if (a.CircuitBreakerFailures is < 0 or 1 or > 100)
        {
            problems.Add($"Arxiv.CircuitBreakerFailures must be 0 (off) or between 2 and 100 (was {a.CircuitBreakerFailures}).");
        }

        if (Deadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            problems.Add("Deadline must be positive.");
        }

        if (a.MaxResponseBytes is < 1024 or > int.MaxValue)
        {
            problems.Add($"Arxiv.MaxResponseBytes must be between 1024 and {int.MaxValue}.");
        }

        if (a.MetadataTimeToLive <= TimeSpan.Zero || a.MissingTimeToLive <= TimeSpan.Zero)
        {
            problems.Add("Arxiv.MetadataTimeToLive and Arxiv.MissingTimeToLive must be positive.");
        }

        if (a.SnapshotPath is { } snap && !File.Exists(snap))
        {
            problems.Add($"Arxiv.SnapshotPath '{snap}' does not exist.");
        }

        if (Offline && Refresh)
        {
            problems.Add("Offline and Refresh cannot both be set: offline answers come only from the cache that refresh ignores.");
        }

        if (Offline && !UseCache && a.SnapshotPath is null)
        {
            problems.Add("Offline needs the cache (or a snapshot): with UseCache off nothing could be answered.");
        }

        if (double.IsNaN(TitleMatchThreshold) || TitleMatchThreshold is < 0 or > 1)
        {
            problems.Add($"TitleMatchThreshold must be between 0 and 1 (was {TitleMatchThreshold}).");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            problems.Add("UserAgent must name the tool.");
        }

        return problems;
    }
}
