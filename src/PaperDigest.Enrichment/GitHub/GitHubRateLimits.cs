using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>How a 403, 429 or <c>RATE_LIMITED</c> answer was dealt with.</summary>
internal enum LimitVerdict
{
    /// <summary>The limit was waited out: ask again.</summary>
    Retry,

    /// <summary>The wait would be too long: the run stops (<see cref="GitHubRun.StopReason"/> says why).</summary>
    Stopped,

    /// <summary>No rate limit: a plain refusal.</summary>
    Refused,
}

/// <summary>
/// GitHub's rate limits: the quota per resource (<c>core</c>, <c>graphql</c>) read from every answer's headers, a wait for
/// the reset before a request when the quota is known to be spent (within <see cref="GitHubClientOptions.MaxWait"/>, else
/// the run stops), and the classification of limit answers (primary, secondary, or a plain refusal). The quota state is
/// shared by the clients of one container and only touched while their gate is held.
/// </summary>
internal sealed class GitHubRateLimits(
    Dictionary<string, (int Remaining, DateTimeOffset Reset)> limits,
    GitHubClientOptions options,
    TimeProvider time,
    ILogger logger,
    GitHubCounters counters,
    bool hasToken)
{
    private int _waiting;

    /// <summary>Whether a rate-limit wait is under way now (tests drive their fake clock with it).</summary>
    public bool IsWaiting => Volatile.Read(ref _waiting) > 0;

    /// <summary>Reads the rate-limit headers of an answer and remembers them per resource.</summary>
    /// <returns>The resource the answer counted against.</returns>
    public string Record(HttpResponseMessage response, string defaultResource)
    {
        var resource = GitHubConnection.Header(response, "x-ratelimit-resource") ?? defaultResource;
        if (int.TryParse(GitHubConnection.Header(response, "x-ratelimit-remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            && long.TryParse(GitHubConnection.Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            limits[resource] = (remaining, DateTimeOffset.FromUnixTimeSeconds(reset));
        }

        return resource;
    }

    /// <summary>Remembers a quota GitHub reported in a body (GraphQL's <c>rateLimit</c>).</summary>
    public void Record(string resource, int remaining, DateTimeOffset reset) => limits[resource] = (remaining, reset);

    /// <summary>Before a request: if the resource's quota is known to be spent, waits for the reset (within MaxWait) or stops the run.</summary>
    /// <returns><see langword="false"/> when the run is stopped.</returns>
    public async Task<bool> WaitForQuotaAsync(string resource, GitHubRun run, CancellationToken cancellationToken)
    {
        if (run.StopReason is not null)
        {
            return false;
        }

        if (!limits.TryGetValue(resource, out var limit) || limit.Remaining > 0)
        {
            return true;
        }

        var wait = limit.Reset - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            limits.Remove(resource);
            return true;
        }

        return await WaitForResetAsync(resource, limit.Reset, run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Classifies a 403/429 answer (primary limit, secondary limit or plain refusal) and waits when it should.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="message">GitHub's message, from the body.</param>
    /// <param name="resource">The resource the answer counted against.</param>
    /// <param name="attempt">How many limit answers this request has had in a row, this one included.</param>
    /// <param name="run">The run, stopped when the wait would be too long.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="primaryHint">Whether the body already says the primary limit is spent (GraphQL's <c>RATE_LIMITED</c>).</param>
    public async Task<LimitVerdict> HandleLimitAsync(HttpResponseMessage response, string? message, string resource, int attempt, GitHubRun run, CancellationToken cancellationToken, bool primaryHint = false)
    {
        var remainingText = GitHubConnection.Header(response, "x-ratelimit-remaining");
        var retryAfter = RetryAfter(response);
        var primary = remainingText == "0" || (primaryHint && retryAfter is null);
        if (primary && retryAfter is null)
        {
            if (!long.TryParse(GitHubConnection.Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds))
            {
                run.Stop($"GitHub's {resource} rate limit is spent and GitHub did not say when it resets; not asked.");
                return LimitVerdict.Stopped;
            }

            var reset = DateTimeOffset.FromUnixTimeSeconds(resetSeconds);
            limits[resource] = (0, reset);
            return await WaitForResetAsync(resource, reset, run, cancellationToken).ConfigureAwait(false) ? LimitVerdict.Retry : LimitVerdict.Stopped;
        }

        var secondary = retryAfter is not null
            || response.StatusCode == HttpStatusCode.TooManyRequests
            || (message is not null && (message.Contains("rate limit", StringComparison.OrdinalIgnoreCase) || message.Contains("abuse", StringComparison.OrdinalIgnoreCase)));
        if (!secondary)
        {
            return LimitVerdict.Refused;
        }

        if (attempt > options.SecondaryRateLimitRetries)
        {
            run.Stop($"GitHub's secondary rate limit was hit {attempt} times in a row; not asked.");
            return LimitVerdict.Stopped;
        }

        // Honour retry-after; else at least a minute, doubling, up to the bound.
        var wait = retryAfter ?? TimeSpan.FromSeconds(60 * Math.Pow(2, attempt - 1));
        if (retryAfter is null && wait > options.MaxSecondaryWait)
        {
            wait = options.MaxSecondaryWait;
        }

        if (wait > options.MaxSecondaryWait)
        {
            run.Stop($"GitHub's secondary rate limit asks to wait {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, longer than {options.MaxSecondaryWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; not asked.");
            return LimitVerdict.Stopped;
        }

        await DelayAsync(wait, resource, cancellationToken).ConfigureAwait(false);
        return LimitVerdict.Retry;
    }

    private async Task<bool> WaitForResetAsync(string resource, DateTimeOffset reset, GitHubRun run, CancellationToken cancellationToken)
    {
        var wait = reset - time.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (wait > options.MaxWait)
        {
            run.Stop($"GitHub's {resource} rate limit is spent until {reset.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, "
                + $"{Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s away, longer than the maximum wait of {options.MaxWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; "
                + (hasToken ? "not asked." : "not asked (a token raises the limit)."));
            return false;
        }

        await DelayAsync(wait, resource, cancellationToken).ConfigureAwait(false);
        limits.Remove(resource);
        return true;
    }

    private async Task DelayAsync(TimeSpan wait, string resource, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        GitHubLog.Waiting(logger, resource, wait.TotalSeconds);
        Interlocked.Add(ref counters.WaitTicks, wait.Ticks);
        Interlocked.Increment(ref _waiting);
        try
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var value = response.Headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

/// <summary>The client's log messages (category <see cref="GitHubClient"/>).</summary>
internal static partial class GitHubLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "GitHub {Method} {Host}{Path} answered {Status}")]
    public static partial void Response(ILogger logger, string method, string host, string path, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting {Seconds} s for GitHub's {Resource} rate limit")]
    public static partial void Waiting(ILogger logger, string resource, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped asking GitHub: {Reason}")]
    public static partial void Stopped(ILogger logger, string reason);
}
