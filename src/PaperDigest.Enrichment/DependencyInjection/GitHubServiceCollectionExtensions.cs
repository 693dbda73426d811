using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.GitHub;
using Polly;
using Polly.Timeout;

namespace PaperDigest.Enrichment.DependencyInjection;

/// <summary>Registers the GitHub client.</summary>
public static class GitHubServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client (and of its resilience pipeline) the GitHub client uses.</summary>
    internal const string HttpClientName = "PaperDigest.GitHub";

    /// <summary>
    /// Registers <see cref="IGitHubClient"/> (a typed HTTP client; <see cref="DigestEnricher"/> uses it when registered) and its <see cref="GitHubClientOptions"/>.
    /// The options are configured and validated here, once: invalid options throw one exception listing every problem.
    /// The client uses the registered <see cref="IEnrichmentCache"/> (none: nothing is cached), <see cref="TimeProvider"/>
    /// (none: the system clock) and logging. Redirects are followed by the client, not the handler; transient failures
    /// (5xx, 408, timeouts, broken connections) are retried <see cref="GitHubClientOptions.TransientRetries"/> times with
    /// exponential back-off, each attempt bounded by <see cref="GitHubClientOptions.AttemptTimeout"/>. Rate limits are not
    /// retried by the handler: the client waits for them itself.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static IHttpClientBuilder AddPaperDigestGitHub(this IServiceCollection services, Action<GitHubClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new GitHubClientOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        options = options.Clone();
        services.AddSingleton(options);
        services.AddSingleton(new GitHubRequestGate());

        var builder = services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        builder.AddResilienceHandler(HttpClientName, pipeline =>
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.TransientRetries),
                Delay = options.TransientRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(options.TransientRetries > 0 && IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        builder.AddTypedClient((http, provider) => new GitHubClient(
            http,
            options,
            provider.GetService<IEnrichmentCache>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<GitHubClient>>(),
            provider.GetRequiredService<GitHubRequestGate>(),
            null));
        services.AddTransient<IGitHubClient>(provider => provider.GetRequiredService<GitHubClient>());
        return builder;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } r } => (int)r.StatusCode is 408 or 500 or 502 or 503 or 504,
        _ => false,
    };
}
