using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;
using PaperDigest.Enrichment.Tests.GitHub;
using PaperDigest.Enrichment.Tests.Infrastructure;
using PaperDigest.Model;

namespace PaperDigest.Enrichment.Tests;

public sealed class DigestEnricherTests
{
    private static DigestEntry Entry(string title, string? id) => new() { Title = title, ArxivId = id is null ? null : ArxivId.Parse(id) };

    [Fact]
    public async Task Enrich_EntriesStreamAsBatchesAreAnswered_EachEntryOnce()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.BatchSize = 2);
        var enricher = host.Services.GetRequiredService<DigestEnricher>();
        var entries = new[]
        {
            Entry("Heat-bath random walks with Markov bases", "1605.08386"),
            Entry("No link", null),
            Entry("Synthetic paper 2501.00001", "2501.00001"),
            Entry("Completely different title", "2501.00002"),
            Entry("Heat-bath random walks with Markov bases (again)", "1605.08386v1"),
        };

        var requestsSeenAtYield = new List<int>();
        var results = await host.RunAsync(async _ =>
        {
            var list = new List<EnrichedEntry>();
            await foreach (var e in enricher.EnrichAsync(entries, TestContext.Current.CancellationToken))
            {
                requestsSeenAtYield.Add(host.Server.ApiRequests.Count);
                list.Add(e);
            }

            return list;
        });

        results.Select(r => r.Index).Should().BeEquivalentTo([0, 1, 2, 3, 4]);
        results[0].Index.Should().Be(1, "the entry without an identifier needs no answer");
        requestsSeenAtYield.Should().Contain(1, "entries of the first batch are yielded before the second request");
        host.Server.ApiRequests.Should().HaveCount(2);
        results.Single(r => r.Index == 0).TitleMatch!.Value.Ok.Should().BeTrue();
        results.Single(r => r.Index == 4).Arxiv!.Id.Should().Be("1605.08386");
        results.Single(r => r.Index == 3).TitleMatch!.Value.Ok.Should().BeFalse();
        results.Single(r => r.Index == 1).Arxiv.Should().BeNull();
        results.Should().OnlyContain(r => r.IsResolved && r.Repositories.Count == 0);
    }

    [Fact]
    public async Task CheckAsync_ReportsNotFoundAndTitleMismatchInSourceOrder()
    {
        await using var host = await ArxivTestHost.StartAsync();
        var checks = host.Services.GetRequiredService<ArxivOnlineChecks>();
        var doc = new DigestDocument
        {
            Path = "d.md",
            Entries = [Entry("Completely different title", "2501.00002"), Entry("Gone", "2501.99999"), Entry("Synthetic paper 2501.00003", "2501.00003")],
        };

        var diagnostics = await host.RunAsync(_ => checks.CheckAsync(doc, TestContext.Current.CancellationToken));

        diagnostics.Select(d => d.Id).Should().Equal("PD0201", "PD0200");
        diagnostics.Should().OnlyContain(d => d.Path == "d.md");
    }

    private static DigestLink GitHubLink(string owner, string repo, string? path = null) => new()
    {
        Url = $"https://github.com/{owner}/{repo}{path}",
        OriginalUrl = $"https://github.com/{owner}/{repo}{path}",
        Kind = LinkKind.GitHubRepository,
        Owner = owner,
        Repo = repo,
    };

    // One arXiv batch at most, whose request goes out at once: nothing waits on the fake clock, so it is not moved.
    private static async Task<List<EnrichedEntry>> CollectAsync(DigestEnricher enricher, IEnumerable<DigestEntry> entries)
    {
        var list = new List<EnrichedEntry>();
        await foreach (var e in enricher.EnrichAsync(entries, TestContext.Current.CancellationToken))
        {
            list.Add(e);
        }

        return list;
    }

    private static async Task<(ArxivTestHost Host, FakeGitHubServer GitHub)> StartWithGitHubAsync(string? token)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 12, 22, 0, 0, TimeSpan.Zero));
        var github = await FakeGitHubServer.StartAsync(time);
        github.Add("acme/found");
        github.Add("old-owner/tool");
        github.Rename("old-owner/tool", "new-owner/tool");
        var host = await ArxivTestHost.StartAsync(time: time, addServices: services => services.AddPaperDigestGitHub(o =>
        {
            o.ApiUrl = github.BaseUrl;
            o.Token = token;
            o.ReadTokenFromEnvironment = false;
            o.TransientRetryDelay = TimeSpan.Zero;
        }));
        return (host, github);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(GitHubHarness.Token)]
    public async Task Enrich_WithGitHubRegistered_FillsRepositoriesOfEveryEntryAsLinked(string? token)
    {
        var (host, github) = await StartWithGitHubAsync(token);
        await using var _ = host;
        await using var __ = github;
        var enricher = host.Services.GetRequiredService<DigestEnricher>();
        var entries = new[]
        {
            Entry("Synthetic paper 2501.00001", "2501.00001") with
            {
                Links = [GitHubLink("acme", "found"), GitHubLink("old-owner", "tool", "/tree/main"), GitHubLink("ACME", "found")],
            },
            Entry("No identifier", null) with { Links = [GitHubLink("gone", "repo")] },
            Entry("Synthetic paper 2501.00003", "2501.00003"),
        };

        var results = (await CollectAsync(enricher, entries)).OrderBy(e => e.Index).ToList();

        results[0].Repositories.Select(r => (r.Requested, r.State)).Should().Equal(("acme/found", RepositoryState.Found), ("old-owner/tool", RepositoryState.Renamed));
        results[0].Repositories[1].Repository!.FullName.Should().Be("new-owner/tool");
        results[0].Arxiv!.State.Should().Be(ArxivLookupState.Found);
        results[0].IsResolved.Should().BeTrue();
        results[1].Repositories.Should().ContainSingle().Which.State.Should().Be(RepositoryState.NotFound);
        results[1].IsResolved.Should().BeTrue("not found is a definite answer");
        results[2].Repositories.Should().BeEmpty();
        if (token is null)
        {
            github.RestRequestCount.Should().BeGreaterThanOrEqualTo(3, "one REST lookup per distinct repository (and the rename's redirect)");
        }
        else
        {
            github.GraphQlRequestCount.Should().Be(1, "every repository of every entry goes in one batch");
        }
    }

    [Fact]
    public async Task Enrich_GitHubFailing_EntryIsNotResolvedAndSaysWhy()
    {
        var (host, github) = await StartWithGitHubAsync(token: null);
        await using var _ = host;
        await using var __ = github;
        github.Fault("/repos/acme/found", FakeGitHubServer.Status(500), times: 10);
        var enricher = host.Services.GetRequiredService<DigestEnricher>();
        var entries = new[] { Entry("No identifier", null) with { Links = [GitHubLink("acme", "found")] } };

        var result = (await CollectAsync(enricher, entries)).Should().ContainSingle().Subject;

        result.Repositories.Should().ContainSingle().Which.State.Should().Be(RepositoryState.Failed);
        result.Repositories[0].Reason.Should().Contain("500");
        result.IsResolved.Should().BeFalse("a failed repository lookup leaves the entry incomplete");
    }

    [Fact]
    public async Task Enrich_WithoutGitHubClient_LeavesRepositoriesEmpty()
    {
        await using var host = await ArxivTestHost.StartAsync();
        var enricher = host.Services.GetRequiredService<DigestEnricher>();
        var entries = new[] { Entry("No identifier", null) with { Links = [GitHubLink("acme", "found")] } };

        var results = await CollectAsync(enricher, entries);

        results.Should().ContainSingle().Which.Repositories.Should().BeEmpty();
    }
}
