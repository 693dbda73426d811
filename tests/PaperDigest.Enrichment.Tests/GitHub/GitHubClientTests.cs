using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Enrichment.Caching;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Enrichment.Tests.GitHub;

public sealed class GitHubClientTests : IAsyncLifetime
{
    private GitHubHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await GitHubHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task GetRepositories_WithoutToken_UsesRestWithGitHubHeaders()
    {
        _h.Server.Add("octo/hello", configure: r => { r.Stars = 1234; r.License = "Apache-2.0"; r.Language = "C#"; });
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/hello");

        var result = results["OCTO/HELLO"];
        result.State.Should().Be(RepositoryState.Found);
        result.Repository!.FullName.Should().Be("octo/hello");
        result.Repository.HtmlUrl.Should().Be("https://github.com/octo/hello");
        result.Repository.Stars.Should().Be(1234);
        result.Repository.Forks.Should().Be(7);
        result.Repository.License.Should().Be("Apache-2.0");
        result.Repository.Language.Should().Be("C#");
        result.Repository.Topics.Should().Equal("machine-learning", "llm");
        result.Repository.DefaultBranch.Should().Be("main");
        result.Repository.Homepage.Should().BeNull();
        result.Repository.PushedAt.Should().Be(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var request = _h.Server.Requests.Single();
        request.Method.Should().Be("GET");
        request.Path.Should().Be("/repos/octo/hello");
        request.Header("User-Agent").Should().StartWith("PaperDigest/");
        request.Header("Accept").Should().Be("application/vnd.github+json");
        request.Header("X-GitHub-Api-Version").Should().Be("2022-11-28");
        request.Header("Authorization").Should().BeNull();
    }

    [Fact]
    public async Task GetRepositories_RenameChain_FollowsRedirectsKeepingTokenAndReportsCanonicalName()
    {
        _h.Server.Add("old-owner/first", id: 515436299);
        _h.Server.Rename("old-owner/first", "new-owner/second");
        _h.Server.Redirect("older/zeroth", "/repos/old-owner/first");
        var client = _h.CreateClient(GitHubHarness.Token, o => o.UseGraphQl = false);

        var results = await _h.RunAsync(client, "older/zeroth");

        results["older/zeroth"].State.Should().Be(RepositoryState.Renamed);
        results["older/zeroth"].Repository!.FullName.Should().Be("new-owner/second");
        _h.Server.Requests.Select(r => r.Path).Should().Equal("/repos/older/zeroth", "/repos/old-owner/first", "/repositories/515436299");
        _h.Server.Requests.Should().OnlyContain(r => r.Header("Authorization") == "Bearer " + GitHubHarness.Token);
    }

    [Fact]
    public async Task GetRepositories_RedirectToAnotherHost_DropsTheToken()
    {
        await using var other = await FakeGitHubServer.StartAsync(_h.Time);
        other.Add("moved/elsewhere");
        _h.Server.Redirect("some/repo", new Uri(other.BaseUrl, "repos/moved/elsewhere").AbsoluteUri);
        var client = _h.CreateClient(GitHubHarness.Token, o => o.UseGraphQl = false);

        var results = await _h.RunAsync(client, "some/repo");

        results["some/repo"].State.Should().Be(RepositoryState.Renamed);
        results["some/repo"].Repository!.FullName.Should().Be("moved/elsewhere");
        _h.Server.Requests.Single().Header("Authorization").Should().Be("Bearer " + GitHubHarness.Token);
        var followed = other.Requests.Single();
        followed.Header("Authorization").Should().BeNull();
        followed.Headers.Values.Should().NotContain(v => v.Contains(GitHubHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetRepositories_AfterTtl_RevalidatesWithETagAndA304RefreshesTheEntry()
    {
        var repo = _h.Server.Add("octo/etag");
        var client = _h.CreateClient();
        await _h.RunAsync(client, "octo/etag");
        var stored = _h.Cache.Entries.Single();
        stored.Kind.Should().Be(GitHubClient.CacheKind);
        stored.Key.Should().Be("octo/etag");
        stored.ETag.Should().Be(repo.Etag);

        _h.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var results = await _h.RunAsync(client, "octo/etag");

        results["octo/etag"].State.Should().Be(RepositoryState.Found);
        var second = _h.Server.Requests.Skip(1).Single();
        second.Header("If-None-Match").Should().Be(repo.Etag);
        client.Statistics.NotModified.Should().Be(1);
        var refreshed = _h.Cache.Entries.Single();
        refreshed.StoredAt.Should().BeAfter(stored.StoredAt);
        refreshed.IsFresh(_h.Time.GetUtcNow()).Should().BeTrue();
        refreshed.Payload.Should().Be(stored.Payload);
    }

    [Fact]
    public async Task GetRepositories_404_IsNotFoundAndCachedAsMissing()
    {
        var client = _h.CreateClient();

        var first = await _h.RunAsync(client, "nobody/nothing");
        var second = await _h.RunAsync(client, "nobody/nothing");

        first["nobody/nothing"].State.Should().Be(RepositoryState.NotFound);
        second["nobody/nothing"].State.Should().Be(RepositoryState.NotFound);
        _h.Server.Requests.Should().HaveCount(1);
        _h.Cache.Entries.Single().Kind.Should().Be(GitHubClient.MissingCacheKind);
    }

    [Fact]
    public async Task GetRepositories_451_IsBlockedWithTheReason()
    {
        _h.Server.Block("ytdl-org/youtube-dl");
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "ytdl-org/youtube-dl");

        results["ytdl-org/youtube-dl"].State.Should().Be(RepositoryState.Blocked);
        results["ytdl-org/youtube-dl"].Reason.Should().Contain("451").And.Contain("dmca");
    }

    [Fact]
    public async Task GetRepositories_PrimaryLimitResettingWithinMaxWait_WaitsAndRetries()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", _h.Server.PrimaryLimit(TimeSpan.FromSeconds(30)));
        var client = _h.CreateClient();
        var start = _h.Time.GetUtcNow();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        _h.Server.Requests.Should().HaveCount(2);
        (_h.Time.GetUtcNow() - start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
        client.Statistics.RateLimitWait.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GetRepositories_PrimaryLimitResettingBeyondMaxWait_StopsAndMarksTheRestNotResolved()
    {
        _h.Server.Add("octo/a");
        _h.Server.Add("octo/b");
        _h.Server.Add("octo/c");
        _h.Server.Fault("/repos/octo/b", _h.Server.PrimaryLimit(TimeSpan.FromHours(1)));
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a", "octo/b", "octo/c");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        results["octo/b"].State.Should().Be(RepositoryState.NotResolved);
        results["octo/c"].State.Should().Be(RepositoryState.NotResolved);
        results["octo/c"].Reason.Should().Contain("rate limit is spent").And.Contain("maximum wait of 60 s");
        _h.Server.Requests.Select(r => r.Path).Should().Equal("/repos/octo/a", "/repos/octo/b");
        _h.Cache.Entries.Select(e => e.Key).Should().Equal("octo/a");
    }

    [Fact]
    public async Task GetRepositories_QuotaSpentOnTheLastAnswer_StopsBeforeAskingAgain()
    {
        _h.Server.Add("octo/a");
        _h.Server.Add("octo/b");
        _h.Server.SetCoreRemaining(1);
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a", "octo/b");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        results["octo/b"].State.Should().Be(RepositoryState.NotResolved);
        _h.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task GetRepositories_SecondaryLimitWithRetryAfter_HonoursIt()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.SecondaryLimit(90));
        var client = _h.CreateClient();
        var start = _h.Time.GetUtcNow();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        _h.Server.Requests.Should().HaveCount(2);
        (_h.Time.GetUtcNow() - start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task GetRepositories_SecondaryLimitWithoutRetryAfter_BacksOffFromAMinute()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.SecondaryLimit(null), times: 2);
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        _h.Server.Requests.Should().HaveCount(3);
        client.Statistics.RateLimitWait.Should().Be(TimeSpan.FromSeconds(60 + 120));
    }

    [Fact]
    public async Task GetRepositories_SecondaryLimitThatPersists_StopsAfterTheBound()
    {
        _h.Server.Add("octo/a");
        _h.Server.Add("octo/b");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.SecondaryLimit(null), times: 10);
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a", "octo/b");

        results["octo/a"].State.Should().Be(RepositoryState.NotResolved);
        results["octo/b"].State.Should().Be(RepositoryState.NotResolved);
        results["octo/b"].Reason.Should().Contain("secondary rate limit");
        _h.Server.Requests.Should().HaveCount(4);
        client.Statistics.RateLimitWait.Should().Be(TimeSpan.FromSeconds(60 + 120 + 240));
    }

    [Fact]
    public async Task GetRepositories_429WithRetryAfter_WaitsAndRetries()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.SecondaryLimit(5, status: 429));
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        client.Statistics.RateLimitWait.Should().Be(TimeSpan.FromSeconds(5));
        _h.Server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetRepositories_502ThenSuccess_RetriesTransiently()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.Status(502), times: 2);
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        _h.Server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetRepositories_502Persisting_FailsAndIsNotCached()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.Status(502), times: 10);
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Failed);
        results["octo/a"].Reason.Should().Contain("502");
        _h.Server.Requests.Should().HaveCount(3);
        _h.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task GetRepositories_SlowAnswerPastTheTimeout_FailsAndIsNotCached()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", _h.Server.Slow(), times: 10);
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Failed);
        results["octo/a"].Reason.Should().Contain("did not answer in time");
        _h.Server.Requests.Should().HaveCount(3);
        _h.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task GetRepositories_WithToken_BatchesThroughGraphQlWithPartialData()
    {
        _h.Server.Add("octo/a", configure: r => r.Archived = true);
        _h.Server.Add("octo/b", id: 77);
        _h.Server.Rename("octo/b", "octo/b2");
        var client = _h.CreateClient(GitHubHarness.Token);

        var results = await _h.RunAsync(client, "octo/a", "octo/b", "octo/missing");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        results["octo/a"].Repository!.Archived.Should().BeTrue();
        results["octo/a"].Repository!.Topics.Should().Equal("machine-learning", "llm");
        results["octo/b"].State.Should().Be(RepositoryState.Renamed);
        results["octo/b"].Repository!.FullName.Should().Be("octo/b2");
        results["octo/missing"].State.Should().Be(RepositoryState.NotFound);
        var request = _h.Server.Requests.Single();
        request.Path.Should().Be("/graphql");
        request.Header("Authorization").Should().Be("Bearer " + GitHubHarness.Token);
        request.Body.Should().Contain("rateLimit{cost remaining resetAt}").And.Contain("repositoryTopics(first:20)");
        client.Statistics.GraphQlCost.Should().Be(1);
    }

    [Fact]
    public async Task GetRepositories_120WithToken_Takes3GraphQlRequestsThenNoneWithinTheTtl()
    {
        var names = Enumerable.Range(0, 120).Select(i => $"org{i % 7}/repo-{i}").ToArray();
        foreach (var n in names)
        {
            _h.Server.Add(n);
        }

        var client = _h.CreateClient(GitHubHarness.Token);

        var first = await _h.RunAsync(client, names);
        _h.Server.GraphQlRequestCount.Should().Be(3);
        _h.Server.Requests.Should().HaveCount(3);
        first.Values.Should().OnlyContain(r => r.State == RepositoryState.Found);

        _h.Time.Advance(TimeSpan.FromHours(23));
        var second = await _h.RunAsync(client, names);
        _h.Server.Requests.Should().HaveCount(3);
        second.Values.Should().OnlyContain(r => r.State == RepositoryState.Found);
    }

    [Fact]
    public async Task GetRepositories_WithoutTokenAfterTheTtl_RevalidationGets304s()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"org/repo-{i}").ToArray();
        foreach (var n in names)
        {
            _h.Server.Add(n);
        }

        var client = _h.CreateClient();
        await _h.RunAsync(client, names);
        await _h.RunAsync(client, names);
        _h.Server.Requests.Should().HaveCount(30);

        _h.Time.Advance(TimeSpan.FromDays(2));
        var third = await _h.RunAsync(client, names);

        third.Values.Should().OnlyContain(r => r.State == RepositoryState.Found);
        _h.Server.Requests.Should().HaveCount(60);
        _h.Server.Requests.Skip(30).Should().OnlyContain(r => r.Header("If-None-Match") != null);
        client.Statistics.NotModified.Should().Be(30);
    }

    [Fact]
    public async Task GetRepositories_Offline_AnswersFromTheCacheOnly()
    {
        _h.Server.Add("octo/a");
        await _h.RunAsync(_h.CreateClient(), "octo/a");
        _h.Time.Advance(TimeSpan.FromDays(3));
        var offline = _h.CreateClient(configure: o => o.CacheMode = GitHubCacheMode.Offline);

        var results = await _h.RunAsync(offline, "octo/a", "octo/unknown");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        results["octo/unknown"].State.Should().Be(RepositoryState.NotResolved);
        results["octo/unknown"].Reason.Should().Contain("offline");
        _h.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task GetRepositories_Refresh_AsksAgainDespiteFreshEntries()
    {
        _h.Server.Add("octo/a");
        await _h.RunAsync(_h.CreateClient(), "octo/a");
        var refresh = _h.CreateClient(configure: o => o.CacheMode = GitHubCacheMode.Refresh);

        await _h.RunAsync(refresh, "octo/a");

        _h.Server.Requests.Should().HaveCount(2);
        _h.Server.Requests.Last().Header("If-None-Match").Should().BeNull();
    }

    [Fact]
    public async Task GetRepositories_MalformedName_FailsWithoutARequest()
    {
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "not a repo", "a/b/c");

        results["not a repo"].State.Should().Be(RepositoryState.Failed);
        results["a/b/c"].State.Should().Be(RepositoryState.Failed);
        _h.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task GetRepositories_ConcurrentCalls_SendOneRequestAtATime()
    {
        var names = Enumerable.Range(0, 10).Select(i => $"org/r{i}").ToArray();
        foreach (var n in names)
        {
            _h.Server.Add(n);
        }

        var maxInFlight = 0;
        var client = _h.CreateClient();
        var calls = names.Select(n => client.GetRepositoriesAsync([n], TestContext.Current.CancellationToken)).ToList();
        while (!calls.TrueForAll(c => c.IsCompleted))
        {
            maxInFlight = Math.Max(maxInFlight, _h.Server.InFlight);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        (await Task.WhenAll(calls)).Should().OnlyContain(r => r.Values.Single().State == RepositoryState.Found);
        maxInFlight.Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task GetRepositories_GraphQlRateLimitedWithinMaxWait_WaitsAndRetriesTheBatch()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/graphql", _h.Server.GraphQlRateLimited(TimeSpan.FromSeconds(20)));
        var client = _h.CreateClient(GitHubHarness.Token);

        var results = await _h.RunAsync(client, "octo/a", "octo/gone");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        results["octo/gone"].State.Should().Be(RepositoryState.NotFound);
        _h.Server.GraphQlRequestCount.Should().Be(2);
        client.Statistics.RateLimitWait.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task GetRepositories_GraphQl403PrimaryLimitBeyondMaxWait_MarksEveryBatchNotResolved()
    {
        var names = Enumerable.Range(0, 60).Select(i => $"org/r{i}").ToArray();
        foreach (var n in names)
        {
            _h.Server.Add(n);
        }

        _h.Server.Fault("/graphql", _h.Server.PrimaryLimit(TimeSpan.FromMinutes(30), "graphql"));
        var client = _h.CreateClient(GitHubHarness.Token);

        var results = await _h.RunAsync(client, names);

        results.Values.Should().OnlyContain(r => r.State == RepositoryState.NotResolved && r.Reason!.Contains("graphql rate limit is spent"));
        _h.Server.GraphQlRequestCount.Should().Be(1);
        _h.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task GetRepositories_GraphQl502_RetriesThenFailsTheBatchWithoutCaching()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/graphql", FakeGitHubServer.Status(502), times: 3);
        var client = _h.CreateClient(GitHubHarness.Token);

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Failed);
        results["octo/a"].Reason.Should().Contain("502");
        _h.Server.GraphQlRequestCount.Should().Be(3);
        _h.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task GetRepositories_RevalidationFails_KeepsTheStaleAnswerWithAReason()
    {
        _h.Server.Add("octo/a", configure: r => r.Stars = 9);
        var client = _h.CreateClient();
        await _h.RunAsync(client, "octo/a");
        _h.Time.Advance(TimeSpan.FromDays(2));
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.Status(503), times: 3);

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.Found);
        results["octo/a"].Repository!.Stars.Should().Be(9);
        results["octo/a"].Reason.Should().Contain("could not revalidate").And.Contain("503");
        _h.Cache.Entries.Single().IsFresh(_h.Time.GetUtcNow()).Should().BeFalse();
    }

    [Fact]
    public async Task GetRepositories_EnterpriseServerUrl_UsesApiV3AndApiGraphql()
    {
        _h.Server.Add("team/tool");
        var ghes = new Uri(_h.Server.BaseUrl, "api/v3");
        var rest = _h.CreateClient(configure: o => o.ApiUrl = ghes);
        var graphQl = _h.CreateClient(GitHubHarness.Token, o => { o.ApiUrl = ghes; o.CacheMode = GitHubCacheMode.Refresh; });

        (await _h.RunAsync(rest, "team/tool"))["team/tool"].State.Should().Be(RepositoryState.Found);
        (await _h.RunAsync(graphQl, "team/tool"))["team/tool"].State.Should().Be(RepositoryState.Found);

        _h.Server.Requests.Select(r => r.RawPath).Should().Equal("/api/v3/repos/team/tool", "/api/graphql");
        _h.Server.Requests.Last().Header("Authorization").Should().Be("Bearer " + GitHubHarness.Token);
    }

    [Fact]
    public async Task GetRepositories_SecondaryRetryAfterBeyondTheBound_StopsAtOnce()
    {
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.SecondaryLimit(3600));
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.NotResolved);
        results["octo/a"].Reason.Should().Contain("3600 s");
        client.Statistics.RateLimitWait.Should().Be(TimeSpan.Zero);
        _h.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task GetRepositories_Plain403_FailsWithGitHubsMessageAndGoesOn()
    {
        _h.Server.Add("octo/a");
        _h.Server.Add("octo/b");
        _h.Server.Fault("/repos/octo/a", FakeGitHubServer.Forbidden());
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a", "octo/b");

        results["octo/a"].State.Should().Be(RepositoryState.Failed);
        results["octo/a"].Reason.Should().Contain("403").And.Contain("Resource not accessible");
        results["octo/b"].State.Should().Be(RepositoryState.Found);
    }

    [Fact]
    public async Task GetRepositories_RepositoryDeletedSinceCached_ReplacesTheEntryWithAMissingOne()
    {
        _h.Server.Add("octo/a");
        var client = _h.CreateClient(configure: o => o.CacheMode = GitHubCacheMode.Refresh);
        await _h.RunAsync(client, "octo/a");
        _h.Server.Delete("octo/a");

        var results = await _h.RunAsync(client, "octo/a");

        results["octo/a"].State.Should().Be(RepositoryState.NotFound);
        _h.Cache.Entries.Should().ContainSingle().Which.Kind.Should().Be(GitHubClient.MissingCacheKind);
    }

    [Fact]
    public async Task Constructor_WithoutDependencyInjection_Works()
    {
        _h.Server.Add("octo/plain");
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var client = new GitHubClient(http, new GitHubClientOptions { ApiUrl = _h.Server.BaseUrl, ReadTokenFromEnvironment = false }, _h.Cache, _h.Time);

        var results = await _h.RunAsync(client, "octo/plain");

        results["octo/plain"].State.Should().Be(RepositoryState.Found);
        client.UsesGraphQl.Should().BeFalse();
        _h.Cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task GetRepositories_SpentQuota_IsKnownToTheNextClientOfTheSameContainer()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_h.Time);
        services.AddPaperDigestGitHub(o =>
        {
            o.ApiUrl = _h.Server.BaseUrl;
            o.ReadTokenFromEnvironment = false;
        });
        await using var provider = services.BuildServiceProvider();
        _h.Server.Add("octo/a");
        _h.Server.Add("octo/b");
        _h.Server.SetCoreRemaining(1);

        var first = provider.GetRequiredService<GitHubClient>();
        var second = provider.GetRequiredService<GitHubClient>();
        await _h.RunAsync(first, "octo/a");
        var results = await _h.RunAsync(second, "octo/b");

        first.Should().NotBeSameAs(second);
        results["octo/b"].State.Should().Be(RepositoryState.NotResolved);
        _h.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task GetRepositories_PrimaryLimitWithoutReset_StopsAndSaysSo()
    {
        // The 2013 recorded shape: 403, x-ratelimit-remaining 0, no x-ratelimit-reset.
        _h.Server.Add("octo/a");
        _h.Server.Fault("/repos/octo/a", async ctx =>
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.Headers["x-ratelimit-limit"] = "60";
            ctx.Response.Headers["x-ratelimit-remaining"] = "0";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, """{"message":"API Rate Limit Exceeded for 192.0.2.1"}""");
        });
        var client = _h.CreateClient();

        var results = await _h.RunAsync(client, "octo/a", "octo/b");

        results.Values.Should().OnlyContain(r => r.State == RepositoryState.NotResolved && r.Reason!.Contains("did not say when it resets"));
        _h.Server.Requests.Should().HaveCount(1);
    }
}
