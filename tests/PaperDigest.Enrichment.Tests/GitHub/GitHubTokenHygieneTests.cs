using System.Net;
using System.Net.Sockets;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Enrichment.Tests.GitHub;

/// <summary>The token never appears in output (results), logs, exception messages, the cache or requests to other hosts.</summary>
public sealed class GitHubTokenHygieneTests : IAsyncLifetime
{
    private GitHubHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await GitHubHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Token_IsSentToTheApiHostOnly_NeverToARedirectTarget()
    {
        await using var other = await FakeGitHubServer.StartAsync(_h.Time);
        other.Add("elsewhere/repo");
        _h.Server.Redirect("a/b", new Uri(other.BaseUrl, "repos/elsewhere/repo").AbsoluteUri);
        _h.Server.Add("c/d");
        var client = _h.CreateClient(GitHubHarness.Token, o => o.UseGraphQl = false);

        await _h.RunAsync(client, "a/b", "c/d");

        _h.Server.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Header("Authorization") == "Bearer " + GitHubHarness.Token);
        other.Requests.Should().ContainSingle();
        other.Requests.Should().OnlyContain(r => !r.Headers.Values.Any(v => v.Contains(GitHubHarness.Token, StringComparison.Ordinal)) && r.Body.Length == 0);
    }

    [Fact]
    public async Task Token_NeverInTheCache()
    {
        _h.Server.Add("a/found");
        _h.Server.Block("a/blocked");
        var client = _h.CreateClient(GitHubHarness.Token, o => o.UseGraphQl = false);
        await _h.RunAsync(client, "a/found", "a/missing", "a/blocked");
        var graphQl = _h.CreateClient(GitHubHarness.Token, o => o.CacheMode = GitHubCacheMode.Refresh);
        await _h.RunAsync(graphQl, "a/found", "a/missing");

        _h.Cache.Entries.Should().HaveCount(3);
        _h.Cache.Entries.Should().OnlyContain(e => !(e.Payload + e.ETag + e.Key).Contains(GitHubHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_NeverInLogs()
    {
        _h.Server.Add("a/found");
        _h.Server.Fault("/repos/a/found", _h.Server.PrimaryLimit(TimeSpan.FromSeconds(5)));
        _h.Server.Fault("/graphql", FakeGitHubServer.Status(502), times: 5);
        var rest = _h.CreateClient(GitHubHarness.Token, o => o.UseGraphQl = false);
        await _h.RunAsync(rest, "a/found", "a/missing");
        var graphQl = _h.CreateClient(GitHubHarness.Token, o => o.CacheMode = GitHubCacheMode.Refresh);
        await _h.RunAsync(graphQl, "a/found");

        _h.Logs.Should().NotBeEmpty();
        _h.Logs.Should().OnlyContain(l => !l.Contains(GitHubHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_NeverInResultsOrExceptionMessages()
    {
        // A port nothing listens on: the connection fails.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = _h.CreateClient(GitHubHarness.Token, o => { o.ApiUrl = new Uri($"http://127.0.0.1:{port}/"); o.UseGraphQl = false; });
        _h.Server.Fault("/graphql", FakeGitHubServer.Status(401));
        var rejected = _h.CreateClient(GitHubHarness.Token);

        var failed = await _h.RunAsync(dead, "a/b");
        var unauthorised = await _h.RunAsync(rejected, "c/d");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var cancelled = await Record.ExceptionAsync(() => rejected.GetRepositoriesAsync(["e/f"], cts.Token));
        var invalid = Record.Exception(() => new GitHubClientOptions { Token = GitHubHarness.Token + "\n", MaxRedirects = -1 }.ThrowIfInvalid());

        failed["a/b"].State.Should().Be(RepositoryState.Failed);
        failed["a/b"].Reason.Should().Contain("could not reach");
        unauthorised["c/d"].Reason.Should().Contain("401");
        var texts = failed.Values.Concat(unauthorised.Values).Select(r => r.ToString()).ToList();
        texts.Add(cancelled!.ToString());
        texts.Add(invalid!.ToString());
        texts.Should().OnlyContain(t => !t.Contains(GitHubHarness.Token, StringComparison.Ordinal));
        invalid.Message.Should().Contain("Token must not contain control characters").And.Contain("MaxRedirects");
    }
}
