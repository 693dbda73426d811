using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.Tests;

public class CacheEntryTests
{
    [Fact]
    public void IsFresh_BeforeAndAfterExpiry()
    {
        var stored = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new CacheEntry("arxiv", "2501.19393", "{}", null, stored, stored.AddDays(7));
        entry.IsFresh(stored.AddDays(6)).Should().BeTrue();
        entry.IsFresh(stored.AddDays(7)).Should().BeFalse();
    }
}
