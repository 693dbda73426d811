using System.Diagnostics;
using System.Globalization;
using System.Text;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.Tests.Infrastructure;

namespace PaperDigest.Enrichment.Tests.Figures;

/// <summary>
/// The figures of the closing note, measured on demand only:
/// <c>PAPERDIGEST_FIGURES=1 dotnet test tests/PaperDigest.Enrichment.Tests --filter FullyQualifiedName~EnrichmentFigures --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class EnrichmentFigures
{
    private static void RequireOptIn()
        => Assert.SkipUnless(Environment.GetEnvironmentVariable("PAPERDIGEST_FIGURES") == "1", "figures are measured only with PAPERDIGEST_FIGURES=1");

    private static string[] Ids(int count) => Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"2501.{i:00000}")).ToArray();

    [Fact]
    public async Task Figures_1000Ids_ColdWarmAndSnapshot()
    {
        RequireOptIn();
        var ids = Ids(1000);
        await using var host = await ArxivTestHost.StartAsync();
        var start = host.Time.GetUtcNow();

        var sw = Stopwatch.StartNew();
        var cold = await host.LookupAsync(ids);
        sw.Stop();
        var coldRequests = host.Server.Requests.Count;
        var politeTime = host.Time.GetUtcNow() - start;
        cold.Values.Should().OnlyContain(r => r.State == ArxivLookupState.Found);

        var sw2 = Stopwatch.StartNew();
        var warm = await host.LookupAsync(ids);
        sw2.Stop();
        warm.Values.Should().OnlyContain(r => r.Source == ArxivSource.Cache);
        var warmRequests = host.Server.Requests.Count - coldRequests;

        // A synthetic snapshot of 50,000 lines (the recorded 0704.0002 line with the identifier substituted), 1,000 wanted near its end.
        var snapshot = Path.Combine(Path.GetTempPath(), $"pd-figures-{Guid.NewGuid():N}.jsonl");
        var line = File.ReadLines(Fixtures.PathOf("kaggle-snapshot-sample-0704-6-lines.jsonl")).First();
        await using (var w = new StreamWriter(snapshot, false, new UTF8Encoding(false)))
        {
            for (var i = 1; i <= 50_000; i++)
            {
                var id = i <= 49_000 ? string.Create(CultureInfo.InvariantCulture, $"2401.{i:00000}") : string.Create(CultureInfo.InvariantCulture, $"2501.{i - 49_000:00000}");
                await w.WriteLineAsync(line.Replace("\"0704.0002\"", $"\"{id}\"", StringComparison.Ordinal));
            }
        }

        try
        {
            await using var snapHost = await ArxivTestHost.StartAsync(o => { o.Arxiv.SnapshotPath = snapshot; o.UseCache = false; });
            var sw3 = Stopwatch.StartNew();
            var snap = await snapHost.LookupAsync(ids);
            sw3.Stop();
            snap.Values.Should().OnlyContain(r => r.Source == ArxivSource.Snapshot);
            var size = new FileInfo(snapshot).Length;




            TestContext.Current.TestOutputHelper!.WriteLine($"FIGURES cold={coldRequests} req {sw.Elapsed.TotalSeconds:0.00}s fake={politeTime.TotalSeconds:0.0}s; warm={warmRequests} req {sw2.Elapsed.TotalMilliseconds:0}ms; snapshot {sw3.Elapsed.TotalMilliseconds:0}ms {size / 1e6:0.0}MB");
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    [Fact]
    public async Task Figures_OneCachedLookup()
    {
        RequireOptIn();
        await using var host = await ArxivTestHost.StartAsync();
        await host.LookupAsync("1605.08386");
        var client = host.Client;
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 50; i++)
        {
            await client.GetPapersAsync(["1605.08386"], ct);
        }

        const int n = 2000;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await client.GetPapersAsync(["1605.08386"], ct);
        }

        sw.Stop();
        var perLookup = sw.Elapsed.TotalMicroseconds / n;

        var dir = Path.Combine(Path.GetTempPath(), $"pd-figures-{Guid.NewGuid():N}");
        using var cache = new SqliteEnrichmentCache(Path.Combine(dir, "c.db"));
        var now = DateTimeOffset.UtcNow;
        await cache.SetManyAsync(Ids(1000).Select(id => new CacheEntry("arxiv", id, "{}", null, now, now.AddDays(7))).ToList(), ct);
        var sw2 = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            await cache.GetManyAsync("arxiv", Ids(1000), ct);
        }

        sw2.Stop();
        Directory.Delete(dir, recursive: true);
        host.Server.ApiRequests.Should().ContainSingle();
        TestContext.Current.TestOutputHelper!.WriteLine($"FIGURES one cached lookup through IArxivClient: {perLookup:0} µs; 1,000 keys in one GetManyAsync: {sw2.Elapsed.TotalMilliseconds / 10:0.0} ms");
    }
}
