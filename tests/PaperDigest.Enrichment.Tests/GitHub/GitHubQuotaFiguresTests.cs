using System.Globalization;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Enrichment.Tests.GitHub;

/// <summary>
/// Measures what lookups cost against the loopback GitHub, by counting the requests it receives, and asserts the figures
/// quoted in docs/github.md. Run with
/// <c>dotnet test tests/PaperDigest.Enrichment.Tests --filter "FullyQualifiedName~GitHubQuotaFigures" --logger "console;verbosity=detailed"</c>
/// to see the table.
/// </summary>
public sealed class GitHubQuotaFiguresTests
{
    [Theory]
    [InlineData(100, false, 100, 0, 100, 100)]
    [InlineData(100, true, 2, 0, 2, 0)]
    [InlineData(1000, true, 20, 0, 20, 0)]
    [InlineData(1000, false, 1000, 0, 1000, 1000)]
    public async Task Lookups_CostTheDocumentedRequests(int count, bool token, int cold, int warm, int stale, int staleNotModified)
    {
        await using var h = await GitHubHarness.StartAsync();
        var names = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"org{i % 13}/repo-{i}")).ToArray();
        foreach (var n in names)
        {
            h.Server.Add(n);
        }

        var client = h.CreateClient(token ? GitHubHarness.Token : null);

        await h.RunAsync(client, names);
        var coldRequests = h.Server.Requests.Count;
        var coldQuota = QuotaSpent(h, client);
        await h.RunAsync(client, names);
        var warmRequests = h.Server.Requests.Count - coldRequests;
        h.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var before = client.Statistics;
        await h.RunAsync(client, names);
        var after = client.Statistics;
        var staleRequests = h.Server.Requests.Count - coldRequests - warmRequests;
        var staleNotModifiedCount = after.NotModified - before.NotModified;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{count} repositories, {(token ? "token (GraphQL)" : "no token (REST)")}: cold {coldRequests} requests ({coldQuota} quota points), "
            + $"warm within TTL {warmRequests}, after TTL {staleRequests} ({staleNotModifiedCount} of them 304, free)");
        coldRequests.Should().Be(cold);
        coldQuota.Should().Be(cold);
        warmRequests.Should().Be(warm);
        staleRequests.Should().Be(stale);
        staleNotModifiedCount.Should().Be(staleNotModified);
    }

    [Fact]
    public async Task Lookups_WithoutTokenAtTheUnauthenticatedLimit_Stop60InAndSaySo()
    {
        await using var h = await GitHubHarness.StartAsync();
        var names = Enumerable.Range(0, 1000).Select(i => string.Create(CultureInfo.InvariantCulture, $"org/repo-{i}")).ToArray();
        foreach (var n in names)
        {
            h.Server.Add(n);
        }

        h.Server.SetCoreRemaining(60);
        var client = h.CreateClient();

        var results = await h.RunAsync(client, names);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"1000 repositories, no token, 60 requests/hour left: {results.Values.Count(r => r.State == RepositoryState.Found)} found, "
            + $"{results.Values.Count(r => r.State == RepositoryState.NotResolved)} not resolved, {h.Server.Requests.Count} requests");
        h.Server.Requests.Should().HaveCount(60);
        results.Values.Count(r => r.State == RepositoryState.Found).Should().Be(60);
        results.Values.Where(r => r.State != RepositoryState.Found).Should().HaveCount(940)
            .And.OnlyContain(r => r.State == RepositoryState.NotResolved && r.Reason!.Contains("a token raises the limit"));
    }

    private static int QuotaSpent(GitHubHarness h, GitHubClient client)
        => client.Statistics.GraphQlCost + h.Server.Requests.Count(r => r.Path != "/graphql");
}
