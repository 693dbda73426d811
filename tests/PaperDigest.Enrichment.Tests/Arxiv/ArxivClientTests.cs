using System.Globalization;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Tests.Infrastructure;

namespace PaperDigest.Enrichment.Tests.Arxiv;

public sealed class ArxivClientTests
{
    private static string[] Ids(int count, int start = 1)
        => Enumerable.Range(start, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"2501.{i:00000}")).ToArray();

    [Fact]
    public async Task Lookup_250DistinctIds_Takes3Requests_AndASecondRunTakesNone()
    {
        await using var host = await ArxivTestHost.StartAsync();
        var ids = Ids(250);

        var first = await host.LookupAsync(ids);

        host.Server.ApiRequests.Should().HaveCount(3);
        host.Server.ApiRequests.Select(r => r.Ids.Count).Should().Equal(100, 100, 50);
        host.Server.ApiRequests.Should().OnlyContain(r => r.MaxResults >= r.Ids.Count);
        first.Should().HaveCount(250);
        first.Values.Should().OnlyContain(r => r.State == ArxivLookupState.Found && r.Source == ArxivSource.Api);
        first["2501.00042"].Paper!.Title.Should().Be("Synthetic paper 2501.00042");

        var second = await host.LookupAsync(ids);

        host.Server.ApiRequests.Should().HaveCount(3, "the second run is answered by the cache");
        second.Values.Should().OnlyContain(r => r.State == ArxivLookupState.Found && r.Source == ArxivSource.Cache);
        second["2501.00042"].Paper.Should().BeEquivalentTo(first["2501.00042"].Paper);
    }

    [Fact]
    public async Task Lookup_ManyBatches_SpacesRequestsByThreeSecondsOfFakeTime()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.BatchSize = 10);

        await host.LookupAsync(Ids(40));

        var times = host.Server.ApiRequests.Select(r => r.At).ToList();
        times.Should().HaveCount(4);
        for (var i = 1; i < times.Count; i++)
        {
            (times[i] - times[i - 1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3));
        }

        host.Limiter.RequestCount.Should().Be(4);
    }

    [Fact]
    public async Task Lookup_SendsUserAgentWithToolVersionAndProjectUrl()
    {
        await using var host = await ArxivTestHost.StartAsync();

        await host.LookupAsync("1605.08386");

        var ua = host.Server.ApiRequests.Single().UserAgent;
        ua.Should().MatchRegex(@"^PaperDigest/\d+\.\d+\.\d+");
        ua.Should().Contain("https://github.com/paperdigest/paperdigest");
    }

    [Fact]
    public async Task Lookup_RecordedPapers_AreKeyedByCanonicalIdWhateverTheAnswerOrder()
    {
        await using var host = await ArxivTestHost.StartAsync();

        var results = await host.LookupAsync("astro-ph/0601001", "1707.08567v1", "0808.05394", "quant-ph/0201082v1", "2104.12255");

        host.Server.ApiRequests.Should().ContainSingle();
        results.Keys.Should().BeEquivalentTo("astro-ph/0601001", "1707.08567", "0808.05394", "quant-ph/0201082", "2104.12255");
        var astro = results["astro-ph/0601001"].Paper!;
        astro.Authors[0].Should().Be(new ArxivAuthor("Andrew Gould", ["Ohio State"]) with { Affiliations = astro.Authors[0].Affiliations });
        astro.Authors[0].Affiliations.Should().Equal("Ohio State");
        astro.JournalReference.Should().Be("ActaAstron.56:1-50,2006");
        results["1707.08567"].Paper!.Authors.Select(a => a.Name).Should().Contain("Dirk Wübben");
        results["2104.12255"].Paper!.Title.Should().Be("0");
        results["quant-ph/0201082"].Paper!.Categories.Should().Equal("quant-ph", "cs.PL");
        results["0808.05394"].State.Should().Be(ArxivLookupState.Failed, "a 5-digit number in a 2008 identifier is malformed, whatever the API says");
        host.Server.ApiRequests[0].Ids.Should().NotContain("0808.05394");
    }

    [Fact]
    public async Task Lookup_BatchWithOneMalformedId_ResolvesTheOthersWithoutSendingIt()
    {
        await using var host = await ArxivTestHost.StartAsync();

        var results = await host.LookupAsync("1605.08386", "abc", "2501.00001", "2501.00002");

        host.Server.ApiRequests.Should().ContainSingle();
        host.Server.ApiRequests[0].Ids.Should().NotContain("abc");
        results["abc"].State.Should().Be(ArxivLookupState.Failed);
        results["abc"].Reason.Should().Contain("not a well-formed");
        results.Values.Where(r => r.Id != "abc").Should().OnlyContain(r => r.State == ArxivLookupState.Found);
    }

    [Fact]
    public async Task Lookup_ApiRejectsOneIdWith400_IsolatesItAndResolvesTheOthers()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.RejectedIds.Add("2501.00005");

        var results = await host.LookupAsync(Ids(8));

        results["2501.00005"].State.Should().Be(ArxivLookupState.Failed);
        results["2501.00005"].Reason.Should().Contain("incorrect id format for 2501.00005");
        results.Values.Where(r => r.Id != "2501.00005").Should().HaveCount(7).And.OnlyContain(r => r.State == ArxivLookupState.Found);
        host.Server.ApiRequests.Should().HaveCount(2, "the error names the identifier, so the others are asked for once more");
    }

    [Fact]
    public async Task Lookup_ApiRejectsWithoutNamingTheId_SplitsTheBatchToIsolateIt()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.RejectedIds.Add("2501.00005");
        host.Server.ErrorNamesId = false;

        var results = await host.LookupAsync(Ids(8));

        results["2501.00005"].State.Should().Be(ArxivLookupState.Failed);
        results.Values.Count(r => r.State == ArxivLookupState.Found).Should().Be(7);
        host.Server.ApiRequests.Should().HaveCount(7, "8 -> 4+4 -> 2+2 -> 1+1: 1 + 2 + 2 + 2");
    }

    [Fact]
    public async Task Lookup_429WithRetryAfter_WaitsAtLeastThatLongThenSucceeds()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(Fault.Status(429, retryAfter: 20));

        var results = await host.LookupAsync("1605.08386");

        results["1605.08386"].State.Should().Be(ArxivLookupState.Found);
        var requests = host.Server.ApiRequests;
        requests.Should().HaveCount(2);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Lookup_429WithoutRetryAfter_RetriesWithBackoffThenSucceeds()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(Fault.Status(429), Fault.Status(429));

        var results = await host.LookupAsync("1605.08386");

        results["1605.08386"].State.Should().Be(ArxivLookupState.Found);
        var requests = host.Server.ApiRequests;
        requests.Should().HaveCount(3);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3));
        (requests[2].At - requests[1].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Lookup_RetryAfterLongerThanTheMaximum_StopsRetryingAndFallsBackToAbsPages()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(Fault.Status(503, retryAfter: 3600));

        var results = await host.LookupAsync("1605.08386");

        host.Server.ApiRequests.Should().ContainSingle();
        results["1605.08386"].Source.Should().Be(ArxivSource.AbsPage);
    }

    [Fact]
    public async Task Lookup_503ThenOk_Retries()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(Fault.Status(503), Fault.Status(502));

        var results = await host.LookupAsync("1605.08386");

        results["1605.08386"].Source.Should().Be(ArxivSource.Api);
        host.Server.ApiRequests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Lookup_SlowAnswerPastTheTimeout_IsRetried()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.AttemptTimeout = TimeSpan.FromSeconds(10));
        host.Server.EnqueueApiFault(new Fault(FaultKind.Slow));

        var results = await host.LookupAsync("1605.08386");

        results["1605.08386"].Source.Should().Be(ArxivSource.Api);
        var requests = host.Server.ApiRequests;
        requests.Should().HaveCount(2);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Lookup_TruncatedBody_IsRetried()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(new Fault(FaultKind.Truncated));

        var results = await host.LookupAsync("1605.08386");

        results["1605.08386"].Source.Should().Be(ArxivSource.Api);
        host.Server.ApiRequests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Lookup_InvalidXml_FallsBackToTheAbsPages()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(new Fault(FaultKind.InvalidXml));

        var results = await host.LookupAsync("1605.08386", "2501.00001");

        results.Values.Should().OnlyContain(r => r.State == ArxivLookupState.Found && r.Source == ArxivSource.AbsPage);
        host.Server.AbsRequests.Should().HaveCount(2);
        var paper = results["2501.00001"].Paper!;
        paper.Title.Should().Be("Synthetic paper 2501.00001");
        paper.Authors.Select(a => a.Name).Should().Equal("Caprice Stanley", "Tobias Windisch");
        paper.PrimaryCategory.Should().Be("math.CO");
        paper.Dois.Should().Equal("10.1000/example.2501.00001");
        paper.Abstract.Should().Contain("Wübben");
        paper.Published.Should().Be(new DateTimeOffset(2016, 5, 26, 0, 0, 0, TimeSpan.Zero));
        paper.Comment.Should().Be("20 pages, 3 figures");
    }

    [Fact]
    public async Task Lookup_DoctypeEntityPayload_IsRejectedNotExpanded()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.UseAbsPageFallback = false);
        host.Server.EnqueueApiFault(new Fault(FaultKind.Doctype));

        var results = await host.LookupAsync("1605.08386");

        results["1605.08386"].State.Should().Be(ArxivLookupState.Failed);
        results["1605.08386"].Reason.Should().Contain("DTD");
        host.Server.AbsRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task Lookup_EmptyPage_IsRetriedOnce()
    {
        await using var host = await ArxivTestHost.StartAsync();
        host.Server.EnqueueApiFault(new Fault(FaultKind.EmptyPage));

        var results = await host.LookupAsync("1605.08386", "2501.00001");

        host.Server.ApiRequests.Should().HaveCount(2);
        results.Values.Should().OnlyContain(r => r.State == ArxivLookupState.Found);
    }

    [Fact]
    public async Task Lookup_ApiKeepsFailing_ResolvesFromTheAbsPagesAndSaysSo()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.MaxRetryAttempts = 2);
        host.Server.EnqueueApiFault(Fault.Status(503), Fault.Status(503), Fault.Status(503));
        host.Server.MissingIds.Add("2501.00009");

        var results = await host.LookupAsync("2501.00001", "2501.00009");

        host.Server.ApiRequests.Should().HaveCount(3);
        results["2501.00001"].Source.Should().Be(ArxivSource.AbsPage);
        results["2501.00009"].State.Should().Be(ArxivLookupState.NotFound);
        results["2501.00009"].Source.Should().Be(ArxivSource.AbsPage);
    }

    [Fact]
    public async Task Lookup_EverythingFails_ResultsAreFailedAndNotCached()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.MaxRetryAttempts = 1);
        host.Server.EnqueueApiFault(Fault.Status(500), Fault.Status(500));
        host.Server.EnqueueAbsFault(Fault.Status(500), Fault.Status(500));

        var first = await host.LookupAsync("2501.00001");
        first["2501.00001"].State.Should().Be(ArxivLookupState.Failed);
        first["2501.00001"].Reason.Should().Contain("HTTP 500");

        var second = await host.LookupAsync("2501.00001");
        second["2501.00001"].Source.Should().Be(ArxivSource.Api, "the failure was not cached");
    }

    [Fact]
    public async Task Lookup_NotFound_IsCachedAsMissing()
    {
        await using var host = await ArxivTestHost.StartAsync();

        (await host.LookupAsync("2501.99999"))["2501.99999"].State.Should().Be(ArxivLookupState.NotFound);
        host.Server.ApiRequests.Should().HaveCount(2, "an empty page is asked for once more");
        var again = await host.LookupAsync("2501.99999");

        again["2501.99999"].State.Should().Be(ArxivLookupState.NotFound);
        again["2501.99999"].Source.Should().Be(ArxivSource.Cache);
        host.Server.ApiRequests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Lookup_MissingEntryExpiresAfterOneDay_FoundEntryStaysFresh()
    {
        await using var host = await ArxivTestHost.StartAsync();
        await host.LookupAsync("1605.08386", "2501.99999");
        var before = host.Server.ApiRequests.Count;

        host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await host.LookupAsync("1605.08386", "2501.99999");
        host.Server.ApiRequests.Skip(before).Should().OnlyContain(r => r.Ids.SequenceEqual(new[] { "2501.99999" }));
    }

    [Fact]
    public async Task Lookup_Offline_AnswersFromTheCacheOnly()
    {
        var cache = Path.Combine(Path.GetTempPath(), "pd-arxiv-tests", Guid.NewGuid().ToString("N"), "cache.db");
        await using (var online = await ArxivTestHost.StartAsync(cachePath: cache))
        {
            await online.LookupAsync("1605.08386");
        }

        await using var offline = await ArxivTestHost.StartAsync(o => o.Offline = true, cachePath: cache);
        var results = await offline.LookupAsync("1605.08386", "2501.00001");

        offline.Server.Requests.Should().BeEmpty();
        results["1605.08386"].Source.Should().Be(ArxivSource.Cache);
        results["2501.00001"].State.Should().Be(ArxivLookupState.Failed);
        results["2501.00001"].Reason.Should().Contain("offline");
    }

    [Fact]
    public async Task Lookup_Refresh_IgnoresTheCache()
    {
        var cache = Path.Combine(Path.GetTempPath(), "pd-arxiv-tests", Guid.NewGuid().ToString("N"), "cache.db");
        await using (var first = await ArxivTestHost.StartAsync(cachePath: cache))
        {
            await first.LookupAsync("1605.08386");
        }

        await using var refresh = await ArxivTestHost.StartAsync(o => o.Refresh = true, cachePath: cache);
        var results = await refresh.LookupAsync("1605.08386");

        refresh.Server.ApiRequests.Should().ContainSingle();
        results["1605.08386"].Source.Should().Be(ArxivSource.Api);
    }

    [Fact]
    public async Task Lookup_Snapshot_ResolvesWithoutAnyRequest()
    {
        await using var host = await ArxivTestHost.StartAsync(o => o.Arxiv.SnapshotPath = Fixtures.PathOf("kaggle-snapshot-sample-0704-6-lines.jsonl"));

        var results = await host.LookupAsync("0704.0002", "0704.0120v2", "0704.9999");

        host.Server.Requests.Should().BeEmpty();
        results["0704.0002"].Source.Should().Be(ArxivSource.Snapshot);
        results["0704.0120"].Paper!.Dois.Should().Equal("10.1103/PhysRevD.75.094019");
        results["0704.9999"].State.Should().Be(ArxivLookupState.NotFound);
    }

    [Fact]
    public async Task Lookup_ArxivDown_StopsAskingAfterRepeatedFailuresAndSaysSoOnce()
    {
        // Issue 14 item 12: with every answer a 503, each identifier used to wait through its retries and the abstract-page
        // fallback's (about 24 s each); the circuit breaker stops asking after a few failed attempts in a row.
        var problems = new List<string>();
        await using var host = await ArxivTestHost.StartAsync(o =>
        {
            o.Arxiv.BatchSize = 1;
            o.Arxiv.MaxRetryAttempts = 2;
            o.Arxiv.CircuitBreakerFailures = 4;
            o.RemoteProblemReporter = problems.Add;
        });
        host.Server.EnqueueApiFault(Enumerable.Repeat(Fault.Status(503), 500).ToArray());
        host.Server.EnqueueAbsFault(Enumerable.Repeat(Fault.Status(503), 500).ToArray());
        var ids = Ids(20);

        var results = await host.LookupAsync(ids);

        results.Values.Should().HaveCount(20).And.OnlyContain(r => r.State == ArxivLookupState.Failed);
        results[ids[^1]].Reason.Should().Contain("failed repeatedly in this run");
        host.Server.ApiRequests.Count.Should().BeLessThanOrEqualTo(4, "the API host is not asked again once it failed four attempts in a row");
        problems.Should().ContainSingle().Which.Should().Contain("not asked again in this run");
    }

    [Fact]
    public async Task Lookup_PastTheDeadline_ReportsTheRestUnresolvedWithoutAsking()
    {
        await using var host = await ArxivTestHost.StartAsync(o =>
        {
            o.Arxiv.BatchSize = 1;
            o.Arxiv.MaxRetryAttempts = 3;
            o.Arxiv.CircuitBreakerFailures = 0;
            o.Arxiv.UseAbsPageFallback = false;
            o.Deadline = TimeSpan.FromSeconds(20);
        });
        host.Server.EnqueueApiFault(Enumerable.Repeat(Fault.Status(503), 500).ToArray());
        var ids = Ids(10);

        var results = await host.LookupAsync(ids);

        results.Values.Should().OnlyContain(r => r.State == ArxivLookupState.Failed);
        results[ids[^1]].Reason.Should().Contain("deadline");
        host.Server.ApiRequests.Count.Should().BeLessThan(10 * 4, "past the deadline nothing more is asked");
    }
}
