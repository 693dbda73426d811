using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Enrichment.Tests.GitHub;

/// <summary>A fake GitHub, a fake clock, a memory cache, captured logs, and clients wired the way the library registers them.</summary>
internal sealed class GitHubHarness : IAsyncDisposable
{
    public const string Token = "fake-test-credential-that-must-never-leak-0123456789";

    private readonly List<ServiceProvider> _providers = [];

    private GitHubHarness(FakeTimeProvider time, FakeGitHubServer server)
    {
        Time = time;
        Server = server;
    }

    public FakeTimeProvider Time { get; }

    public FakeGitHubServer Server { get; }

    public MemoryEnrichmentCache Cache { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    public static async Task<GitHubHarness> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        return new GitHubHarness(time, await FakeGitHubServer.StartAsync(time));
    }

    /// <summary>A client as <c>AddPaperDigestGitHub</c> registers it, pointed at the fake server.</summary>
    public GitHubClient CreateClient(string? token = null, Action<GitHubClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IEnrichmentCache>(Cache);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
        services.AddPaperDigestGitHub(o =>
        {
            o.ApiUrl = Server.BaseUrl;
            o.Token = token;
            o.ReadTokenFromEnvironment = false;

            // Transient retries go out at once: only rate-limit waits and timeouts need the clock.
            o.TransientRetryDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<GitHubClient>();
    }

    /// <summary>
    /// Runs a lookup, moving the fake clock forward (one second at a time) only while the client waits for a rate limit, or while
    /// every request in flight is a scripted slow answer (so that the attempt timeout fires). Nothing waits for real beyond polling.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RepositoryResult>> RunAsync(GitHubClient client, params string[] names)
    {
        var task = client.GetRepositoriesAsync(names, TestContext.Current.CancellationToken);
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(2, TestContext.Current.CancellationToken));
            if (task.IsCompleted)
            {
                break;
            }

            var inFlight = Server.InFlight;
            if (inFlight > 0 && inFlight == Server.SlowInFlight)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
            else if (client.IsWaiting)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _providers)
        {
            await p.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (k, v) in pairs)
                {
                    sink.Enqueue($"  {k}={v}");
                }
            }
        }
    }
}
