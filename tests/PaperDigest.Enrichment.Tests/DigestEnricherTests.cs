using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Enrichment.Arxiv;
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
}
