using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.Tests;

public class MemoryEnrichmentCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SetMany_ThenGetMany_ReturnsOnlyThatKindAndThoseKeys()
    {
        var cache = new MemoryEnrichmentCache();
        await cache.SetManyAsync([
            new CacheEntry("github", "a/b", "{}", "\"e1\"", Now, Now.AddDays(1)),
            new CacheEntry("github-missing", "a/b", "{}", null, Now, Now.AddDays(1)),
            new CacheEntry("github", "c/d", "{}", null, Now, Now.AddDays(-1)),
        ], TestContext.Current.CancellationToken);

        var found = await cache.GetManyAsync("github", ["a/b", "c/d", "x/y"], TestContext.Current.CancellationToken);

        found.Keys.Should().BeEquivalentTo("a/b", "c/d");
        found["a/b"].ETag.Should().Be("\"e1\"");
        found["c/d"].IsFresh(Now).Should().BeFalse();
    }

    [Fact]
    public async Task SetMany_SameKey_ReplacesAndRemoveDeletes()
    {
        var cache = new MemoryEnrichmentCache();
        await cache.SetManyAsync([new CacheEntry("github", "a/b", "1", null, Now, Now)], TestContext.Current.CancellationToken);
        await cache.SetManyAsync([new CacheEntry("github", "a/b", "2", null, Now, Now)], TestContext.Current.CancellationToken);
        cache.Entries.Single().Payload.Should().Be("2");

        await cache.RemoveAsync("github", "a/b", TestContext.Current.CancellationToken);

        cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task ConcurrentWriters_AllLand()
    {
        var cache = new MemoryEnrichmentCache();
        await Parallel.ForAsync(0, 200, TestContext.Current.CancellationToken, async (i, ct) =>
            await cache.SetManyAsync([new CacheEntry("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "{}", null, Now, Now)], ct));

        cache.Count.Should().Be(200);
    }
}
