using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.DependencyInjection;

/// <summary>Registers the enrichment services.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The name of the arXiv HTTP client and of its resilience pipeline, to add handlers to it (<c>services.AddHttpClient(ArxivHttpClientName).AddHttpMessageHandler(...)</c>).</summary>
    public const string ArxivHttpClientName = "PaperDigest.Arxiv";

    /// <summary>
    /// Registers <see cref="IArxivClient"/> (a typed client through <see cref="IHttpClientFactory"/>, with a resilience
    /// pipeline: total timeout, retries with exponential backoff and jitter honouring <c>Retry-After</c>, arXiv's spacing
    /// as a rate limiter, and a per-attempt timeout), the cache (the SQLite file of <see cref="PaperDigestEnrichmentOptions.CachePath"/>
    /// unless disabled, or an <see cref="IEnrichmentCache"/> already registered) and <see cref="DigestEnricher"/>, which also
    /// looks up GitHub repositories when <see cref="GitHubServiceCollectionExtensions.AddPaperDigestGitHub"/> is called too.
    /// A <see cref="TimeProvider"/> already registered (a fake one in tests) is used for every wait.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the defaults.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddPaperDigestEnrichment(this IServiceCollection services, Action<PaperDigestEnrichmentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PaperDigestEnrichmentOptions();
        configure?.Invoke(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(PaperDigestEnrichmentOptions), typeof(PaperDigestEnrichmentOptions), problems);
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEnrichmentCache>(_ =>
        {
            var path = options.UseCache ? options.CachePath ?? EnrichmentCacheFile.DefaultPath() : null;
            return path is null ? NullEnrichmentCache.Instance : new SqliteEnrichmentCache(path, options.CacheProblemReporter);
        });
        services.TryAddSingleton(sp => new ArxivRequestLimiter(options.Arxiv.MinRequestInterval, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new EnrichmentDeadline(options.Deadline, sp.GetRequiredService<TimeProvider>()));

        var http = services.AddHttpClient<IArxivClient, ArxivClient>(ArxivHttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts rule
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/atom+xml, text/html;q=0.9, */*;q=0.1");
                client.MaxResponseContentBufferSize = options.Arxiv.MaxResponseBytes;
            });
        // One pipeline per host (API, abstract pages), so each has its own circuit breaker; the limiter is shared.
        http.AddResilienceHandler(ArxivHttpClientName, (pipeline, context) =>
            {
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.TimeProvider = time;
                ConfigureArxivPipeline(pipeline, options, context.InstanceName, context.ServiceProvider.GetRequiredService<ArxivRequestLimiter>(), time);
            })
            .SelectPipelineBy(_ => request => request.RequestUri?.Authority ?? "");

        // Inside the resilience handler: a truncated or stalled body is a failed attempt, retried and timed out.
        http.AddHttpMessageHandler(() => new BufferingHandler(options.Arxiv.MaxResponseBytes));

        services.TryAddTransient<DigestEnricher>();
        services.TryAddTransient<ArxivOnlineChecks>();
        return services;
    }

    private static void ConfigureArxivPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PaperDigestEnrichmentOptions all, string host, ArxivRequestLimiter limiter, TimeProvider time)
    {
        var options = all.Arxiv;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.TotalTimeout });
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseRetryDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args =>
            {
                if (options.MaxRetryAttempts == 0 || !HttpClientResiliencePredicates.IsTransient(args.Outcome))
                {
                    return ValueTask.FromResult(false);
                }

                // A Retry-After longer than we are willing to wait ends the retries rather than being ignored.
                var after = RetryAfter(args.Outcome.Result, time);
                return ValueTask.FromResult(after is null || after <= options.MaxRetryDelay);
            },
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
        });
        if (options.CircuitBreakerFailures > 0)
        {
            // Inside the retries, so it counts attempts; open, it refuses at once (not retried) for the rest of the run.
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = options.CircuitBreakerFailures,
                SamplingDuration = TimeSpan.FromMinutes(30),
                BreakDuration = TimeSpan.FromDays(1),
                OnOpened = _ =>
                {
                    all.RemoteProblemReporter?.Invoke($"arXiv ({host}) failed {options.CircuitBreakerFailures} times in a row; it is not asked again in this run, and the identifiers not yet answered are reported unresolved");
                    return default;
                },
            });
        }

        pipeline.AddRateLimiter(limiter);
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    /// <summary>The wait a 429 or 503 asks for, from <c>Retry-After</c> (seconds or a date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }
}
