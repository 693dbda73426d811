using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.Tests.Caching;

public sealed class SqliteEnrichmentCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 4, 12, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pd-cache-tests", Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_dir, "sub", "cache.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task SetThenGet_RoundTripsEntriesOfOneKind()
    {
        using var cache = new SqliteEnrichmentCache(DbPath);
        var ct = TestContext.Current.CancellationToken;
        await cache.SetManyAsync([new CacheEntry("arxiv", "2501.19393", "{\"a\":1}", "W/\"x\"", Now, Now.AddDays(7)), new CacheEntry("github", "a/b", "{}", null, Now, Now.AddDays(1))], ct);

        var got = await cache.GetManyAsync("arxiv", ["2501.19393", "a/b", "nope"], ct);

        got.Should().ContainSingle();
        got["2501.19393"].Should().Be(new CacheEntry("arxiv", "2501.19393", "{\"a\":1}", "W/\"x\"", Now, Now.AddDays(7)));
        await cache.RemoveAsync("arxiv", "2501.19393", ct);
        (await cache.GetManyAsync("arxiv", ["2501.19393"], ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task Open_FileThatIsNotACache_IsReportedAndLeftAlone()
    {
        // Issue 14 item 2: a file named by mistake used to be "rebuilt", i.e. replaced by an empty database.
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        var text = new string('x', 8192);
        await File.WriteAllTextAsync(DbPath, text, TestContext.Current.CancellationToken);
        var problems = new List<string>();
        using var cache = new SqliteEnrichmentCache(DbPath, problems.Add);

        await cache.SetManyAsync([new CacheEntry("arxiv", "1", "{}", null, Now, Now.AddDays(1))], TestContext.Current.CancellationToken);
        var got = await cache.GetManyAsync("arxiv", ["1"], TestContext.Current.CancellationToken);

        problems.Should().ContainSingle().Which.Should().Contain("not a PaperDigest cache").And.Contain("left as it is");
        got.Should().BeEmpty();
        (await File.ReadAllTextAsync(DbPath, TestContext.Current.CancellationToken)).Should().Be(text);
        SqliteEnrichmentCache.CanUse(DbPath).Should().BeFalse();
    }

    [Fact]
    public async Task Open_SqliteDatabaseOfAnotherProgram_IsLeftAlone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(DbPath, TestContext.Current.CancellationToken);
        var problems = new List<string>();
        using var cache = new SqliteEnrichmentCache(DbPath, problems.Add);

        await cache.SetManyAsync([new CacheEntry("arxiv", "1", "{}", null, Now, Now.AddDays(1))], TestContext.Current.CancellationToken);

        problems.Should().ContainSingle().Which.Should().Contain("not a PaperDigest cache");
        (await File.ReadAllBytesAsync(DbPath, TestContext.Current.CancellationToken)).Should().Equal(before);
    }

    [Fact]
    public async Task Open_CorruptCacheCarryingTheMarker_IsReportedAndRebuilt()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var first = new SqliteEnrichmentCache(DbPath))
        {
            await first.SetManyAsync([new CacheEntry("arxiv", "old", "{}", null, Now, Now.AddDays(1))], ct);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        SqliteEnrichmentCache.CanUse(DbPath).Should().BeTrue("a cache carries the marker");
        var bytes = await File.ReadAllBytesAsync(DbPath, ct);
        Array.Fill(bytes, (byte)0xEE, 100, bytes.Length - 100);
        await File.WriteAllBytesAsync(DbPath, bytes, ct);
        var problems = new List<string>();
        using var cache = new SqliteEnrichmentCache(DbPath, problems.Add);

        await cache.SetManyAsync([new CacheEntry("arxiv", "1", "{}", null, Now, Now.AddDays(1))], ct);
        var got = await cache.GetManyAsync("arxiv", ["1"], ct);

        problems.Should().ContainSingle().Which.Should().Contain("rebuilding");
        got.Should().ContainKey("1");
    }

    [Fact]
    public async Task TwoCachesOnOneFile_WriteConcurrentlyWithoutErrors()
    {
        var problems = new List<string>();
        using var a = new SqliteEnrichmentCache(DbPath, problems.Add);
        using var b = new SqliteEnrichmentCache(DbPath, problems.Add);
        var ct = TestContext.Current.CancellationToken;

        async Task WriteAsync(SqliteEnrichmentCache cache, string prefix)
        {
            for (var i = 0; i < 50; i++)
            {
                await cache.SetManyAsync([new CacheEntry("arxiv", $"{prefix}{i}", "{}", null, Now, Now.AddDays(1))], ct);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(a, "a"), ct), Task.Run(() => WriteAsync(b, "b"), ct));

        problems.Should().BeEmpty();
        var keys = Enumerable.Range(0, 50).SelectMany(i => new[] { $"a{i}", $"b{i}" }).ToList();
        (await a.GetManyAsync("arxiv", keys, ct)).Should().HaveCount(100);
    }

    [Fact]
    public async Task Open_UnwritableLocation_GoesOnWithoutACache()
    {
        var file = Path.Combine(_dir, "file");
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(file, "not a folder", TestContext.Current.CancellationToken);
        var problems = new List<string>();
        using var cache = new SqliteEnrichmentCache(Path.Combine(file, "cache.db"), problems.Add);

        await cache.SetManyAsync([new CacheEntry("arxiv", "1", "{}", null, Now, Now.AddDays(1))], TestContext.Current.CancellationToken);

        (await cache.GetManyAsync("arxiv", ["1"], TestContext.Current.CancellationToken)).Should().BeEmpty();
        problems.Should().ContainSingle().Which.Should().Contain("without a cache");
    }

    [Fact]
    public void DefaultPath_PrefersXdgCacheHome_ThenHome()
    {
        EnrichmentCacheFile.DefaultPath(n => n == "XDG_CACHE_HOME" ? "/x/cache" : "/home/u").Should().Be(Path.Combine("/x/cache", "paperdigest", "enrichment.db"));
        EnrichmentCacheFile.DefaultPath(n => n == "HOME" ? "/home/u" : null).Should().Be(Path.Combine("/home/u", ".cache", "paperdigest", "enrichment.db"));
        EnrichmentCacheFile.DefaultPath(_ => null).Should().BeNull();
    }
}
