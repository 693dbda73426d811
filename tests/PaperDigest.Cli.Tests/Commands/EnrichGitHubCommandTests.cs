using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PaperDigest.Testing;

namespace PaperDigest.Cli.Tests;

/// <summary><c>enrich</c> with the GitHub lookups, against a loopback server playing GitHub's REST API.</summary>
public sealed class EnrichGitHubCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pd-enrich-gh", Guid.NewGuid().ToString("N"));
    private readonly List<string> _requests = [];
    private readonly List<string?> _authorizations = [];
    private WebApplication? _app;
    private string _baseUrl = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _app = LoopbackHost.Create();
        _app.MapGet("/repos/{owner}/{repo}", (string owner, string repo, HttpContext http) =>
        {
            lock (_requests)
            {
                _requests.Add($"{owner}/{repo}");
                _authorizations.Add(http.Request.Headers.Authorization.FirstOrDefault());
            }

            if (owner == "old-owner" && repo == "old-name")
            {
                // GitHub answers a renamed repository with a 301 to its /repositories/{id} URL.
                return Results.Json(new { message = "Moved Permanently", url = $"http://{http.Request.Host}/repositories/42" }, statusCode: 301);
            }

            if (owner == "new-owner")
            {
                return Results.Text("""{"id":42,"name":"new-name","full_name":"new-owner/new-name","owner":{"login":"new-owner"},"html_url":"https://github.com/new-owner/new-name","stargazers_count":1,"forks_count":0,"topics":[],"archived":false,"disabled":false,"default_branch":"main"}""", "application/json");
            }

            if (!string.Equals(owner, "simplescaling", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Json(new { message = "Not Found", documentation_url = "https://docs.github.com/rest/repos/repos#get-a-repository", status = "404" }, statusCode: 404);
            }

            // The shape of a real GET /repos answer (trimmed to what the client reads).
            return Results.Text("""
                {"id":1,"name":"s1","full_name":"simplescaling/s1","owner":{"login":"simplescaling"},"html_url":"https://github.com/simplescaling/s1",
                 "description":"s1: Simple test-time scaling","homepage":"","stargazers_count":6543,"forks_count":765,"language":"Python",
                 "license":{"key":"apache-2.0","spdx_id":"Apache-2.0"},"topics":["llm","reasoning"],"archived":false,"disabled":false,
                 "pushed_at":"2025-03-01T10:00:00Z","default_branch":"main"}
                """, "application/json");
        });
        _app.MapGet("/repositories/42", () => Results.Text("""
            {"id":42,"name":"new-name","full_name":"new-owner/new-name","owner":{"login":"new-owner"},"html_url":"https://github.com/new-owner/new-name",
             "description":null,"homepage":null,"stargazers_count":1,"forks_count":0,"language":null,"license":null,"topics":[],"archived":false,
             "disabled":false,"pushed_at":"2024-01-01T00:00:00Z","default_branch":"main"}
            """, "application/json"));
        _app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/repos/old-owner/old-name"))
            {
                lock (_requests)
                {
                    _requests.Add("old-owner/old-name");
                }

                http.Response.StatusCode = 301;
                http.Response.Headers.Location = $"http://{http.Request.Host}/repositories/42";
                await http.Response.WriteAsync("""{"message":"Moved Permanently"}""");
                return;
            }

            await next(http);
        });
        _baseUrl = await LoopbackHost.StartAsync(_app, TestContext.Current.CancellationToken) + "/";
        await File.WriteAllTextAsync(Path.Combine(_dir, "snapshot.jsonl"), """{"id":"2501.19393","authors":"Niklas Muennighoff","title":"s1: Simple test-time scaling","categories":"cs.CL","abstract":"Test-time scaling.","versions":[{"version":"v1","created":"Fri, 31 Jan 2025 18:57:34 GMT"}],"update_date":"2025-02-03","authors_parsed":[["Muennighoff","Niklas",""]]}""" + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_dir, "digest.md"), """
            ## s1: Simple test-time scaling
            [s1：简单的测试时扩展](https://arxiv.org/abs/2501.19393)

            代码见 https://github.com/simplescaling/s1.git ，另见 [旧仓库](https://github.com/gone-owner/gone-repo/tree/main)。

            """, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Task<CliResult> RunAsync(IDictionary<string, string?>? env, params string[] args)
        => CliRunner.RunAsync(args, environment: env ?? new Dictionary<string, string?> { ["HOME"] = _dir }, currentDirectory: _dir);

    [Fact]
    public async Task Enrich_GitHubLinks_AddsRepositoriesWithTheirStates()
    {
        var result = await RunAsync(null, "enrich", "--no-cache", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"),
            "--github-api-url", _baseUrl, Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(0, result.Error);
        using var doc = JsonDocument.Parse(result.Output);
        var repos = doc.RootElement[0].GetProperty("repositories").EnumerateArray().ToList();
        repos.Should().HaveCount(2);
        repos[0].GetProperty("requested").GetString().Should().Be("simplescaling/s1");
        repos[0].GetProperty("state").GetString().Should().Be("found");
        repos[0].GetProperty("stars").GetInt32().Should().Be(6543);
        repos[0].GetProperty("license").GetString().Should().Be("Apache-2.0");
        repos[1].GetProperty("requested").GetString().Should().Be("gone-owner/gone-repo");
        repos[1].GetProperty("state").GetString().Should().Be("notFound");
        _requests.Should().BeEquivalentTo(["simplescaling/s1", "gone-owner/gone-repo"]);
    }

    [Fact]
    public async Task ValidateOnline_ReportsMissingPaperTitleMismatchAndDeadRepository()
    {
        var digest = Path.Combine(_dir, "online.md");
        await File.WriteAllTextAsync(digest, """
            ## s1: Simple test-time scaling
            [s1：简单的测试时扩展](https://arxiv.org/abs/2501.19393)

            代码见 https://github.com/gone-owner/gone-repo 。这是一段足够长的摘要，用来通过最短摘要的检查规则。

            ## A title that is nothing like the paper
            [完全不同的标题](https://arxiv.org/abs/2501.19393)

            这是另一段足够长的摘要，用来通过最短摘要的检查规则，内容无关紧要。

            ## Missing paper
            [不存在的论文](https://arxiv.org/abs/2501.00001)

            这是第三段足够长的摘要，用来通过最短摘要的检查规则，内容无关紧要。

            """, TestContext.Current.CancellationToken);

        var result = await RunAsync(null, "validate", "--online", "--no-cache", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"),
            "--github-api-url", _baseUrl, "--format", "json", digest);

        result.ExitCode.Should().Be(1, result.Error);
        result.Output.Should().Contain("PD0200").And.Contain("PD0201").And.Contain("PD0300");
        _requests.Should().Contain("gone-owner/gone-repo");
    }

    [Fact]
    public async Task ValidateOnlineFix_RewritesRenamedRepositoryLink()
    {
        var digest = Path.Combine(_dir, "renamed.md");
        await File.WriteAllTextAsync(digest, """
            ## s1: Simple test-time scaling
            [s1：简单的测试时扩展](https://arxiv.org/abs/2501.19393)

            代码见 [仓库](https://github.com/old-owner/old-name) 。这是一段足够长的摘要，用来通过最短摘要的检查规则，所以再多写几个字就好了。

            """, TestContext.Current.CancellationToken);

        var result = await RunAsync(null, "validate", "--online", "--fix", "--no-cache", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"),
            "--github-api-url", _baseUrl, digest);

        result.ExitCode.Should().Be(0, result.Output + result.Error);
        var text = await File.ReadAllTextAsync(digest, TestContext.Current.CancellationToken);
        text.Should().Contain("(https://github.com/new-owner/new-name)").And.NotContain("old-owner");
    }

    [Fact]
    public async Task Enrich_NoGitHub_MakesNoGitHubRequest()
    {
        var result = await RunAsync(null, "enrich", "--no-cache", "--no-github", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"),
            "--github-api-url", _baseUrl, Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(0, result.Error);
        _requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Enrich_InvalidGitHubApiUrl_Exits2()
    {
        var result = await RunAsync(null, "enrich", "--no-cache", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"),
            "--github-api-url", "not a url", Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("error");
    }
}
