using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;

namespace PaperDigest.Enrichment.Tests.Infrastructure;

/// <summary>
/// The real client pipeline (IHttpClientFactory, resilience handler, rate limiter) against <see cref="FakeArxivServer"/>,
/// with a <see cref="FakeTimeProvider"/>. <see cref="RunAsync{T}"/> moves the fake clock forward only while no request is
/// on the wire (or while the server deliberately stalls one), so waits take no real time and timeouts never fire by accident.
/// </summary>
public sealed class ArxivTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _tempDir;

    private ArxivTestHost(FakeArxivServer server, FakeTimeProvider time, ServiceProvider services, string tempDir)
    {
        Server = server;
        Time = time;
        _services = services;
        _tempDir = tempDir;
    }

    public FakeArxivServer Server { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _services;

    public IArxivClient Client => _services.GetRequiredService<IArxivClient>();

    public ArxivRequestLimiter Limiter => _services.GetRequiredService<ArxivRequestLimiter>();

    public List<string> CacheProblems { get; } = [];

    public static async Task<ArxivTestHost> StartAsync(Action<PaperDigestEnrichmentOptions>? configure = null, FakeArxivServer? server = null, FakeTimeProvider? time = null, string? cachePath = null, Action<IServiceCollection>? addServices = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 4, 12, 22, 0, 0, TimeSpan.Zero));
        server ??= await FakeArxivServer.StartAsync(time);
        var tempDir = Path.Combine(Path.GetTempPath(), "pd-arxiv-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempDir);
        var problems = new List<string>();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddPaperDigestEnrichment(o =>
        {
            o.Arxiv.ApiUrl = server.ApiUrl;
            o.Arxiv.AbsPageUrl = server.AbsUrl;
            o.Arxiv.MinRequestInterval = TimeSpan.FromSeconds(3);
            o.CachePath = cachePath ?? Path.Combine(tempDir, "cache.db");
            o.CacheProblemReporter = p => { lock (problems) { problems.Add(p); } };
            configure?.Invoke(o);
        });
        addServices?.Invoke(services);
        var host = new ArxivTestHost(server, time, services.BuildServiceProvider(), tempDir);
        host.CacheProblems.AddRange(problems);
        return host;
    }

    /// <summary>Runs work, advancing the fake clock whenever the client is only waiting.</summary>
    public async Task<T> RunAsync<T>(Func<IArxivClient, Task<T>> work)
    {
        var limiter = Limiter;
        var task = work(Client);
        var guard = 0;
        while (!task.IsCompleted)
        {
            if (limiter.ActiveRequests == 0 || Server.IsStalling)
            {
                Time.Advance(TimeSpan.FromMilliseconds(250));
            }

            await Task.WhenAny(task, Task.Delay(1, TestContext.Current.CancellationToken));
            if (++guard > 200_000)
            {
                throw new TimeoutException("the work did not finish");
            }
        }

        return await task;
    }

    public Task<IReadOnlyDictionary<string, ArxivResult>> LookupAsync(params string[] ids)
        => RunAsync(c => c.GetPapersAsync(ids, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_tempDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
