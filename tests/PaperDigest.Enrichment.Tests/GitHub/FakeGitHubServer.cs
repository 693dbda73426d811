using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PaperDigest.Enrichment.Tests.Infrastructure;
using PaperDigest.Testing;

namespace PaperDigest.Enrichment.Tests.GitHub;

/// <summary>One request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string RawPath = "")
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>A repository the fake server knows.</summary>
public sealed class FakeRepo
{
    public required long Id { get; init; }

    public required string FullName { get; set; }

    public int Stars { get; set; } = 42;

    public string? License { get; set; } = "MIT";

    public string? Language { get; set; } = "Python";

    public bool Archived { get; set; }

    public string Etag => $"W/\"{Id:x}{FullName.Length:x}{Stars:x}{(Archived ? 1 : 0)}\"";
}

/// <summary>
/// GitHub played on 127.0.0.1 (Kestrel, port 0): REST <c>GET /repos/{owner}/{repo}</c>, <c>GET /repositories/{id}</c> and
/// <c>POST /graphql</c>, answers built from the recorded shapes in Fixtures/github, and scripted faults consumed one by one.
/// Its clock (rate-limit resets) is the tests' <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private static readonly JsonObject RestTemplate = LoadBody("rest-get-repo-200-auth-nulls-2022.json");
    private static readonly JsonObject MovedTemplate = LoadBody("rest-get-repo-301-renamed-2022.json");
    private static readonly JsonObject NotFoundTemplate = LoadBody("rest-get-repo-404-2012.json");
    private static readonly JsonObject BlockedTemplate = LoadBody("rest-451-repository-access-blocked-2020.json");
    private static readonly JsonObject PrimaryTemplate = LoadBody("rest-403-primary-rate-limit-unauth-2013.json");
    private static readonly JsonObject SecondaryTemplate = LoadBody("rest-403-secondary-abuse-retry-after-2018.json");
    private static readonly JsonObject GraphQlNotFoundTemplate = LoadFile("graphql-repository-not-found-2026.json");

    private readonly WebApplication _app;
    private readonly FakeTimeProvider _time;
    private readonly ConcurrentDictionary<string, FakeRepo> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, FakeRepo> _byId = new();
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _blocked = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _faults = new(StringComparer.OrdinalIgnoreCase);
    private int _inFlight;
    private int _slowInFlight;
    private int _coreRemaining = 5000;
    private int _graphQlRemaining = 5000;

    private FakeGitHubServer(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Requests being answered now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests held by a scripted slow answer.</summary>
    public int SlowInFlight => Volatile.Read(ref _slowInFlight);

    public int GraphQlRequestCount => Requests.Count(r => r.Path == "/graphql");

    public int RestRequestCount => Requests.Count(r => r.Path != "/graphql");

    public static async Task<FakeGitHubServer> StartAsync(FakeTimeProvider time)
    {
        var app = LoopbackHost.Create();
        var server = new FakeGitHubServer(app, time);
        server.BaseUrl = new Uri(await LoopbackHost.StartAsync(app, server.HandleAsync) + "/");
        return server;
    }

    public FakeRepo Add(string fullName, long? id = null, Action<FakeRepo>? configure = null)
    {
        var repo = new FakeRepo { Id = id ?? (1000 + _byId.Count), FullName = fullName };
        configure?.Invoke(repo);
        _byName[fullName] = repo;
        _byId[repo.Id] = repo;
        return repo;
    }

    /// <summary>Renames a repository: its old name answers 301 to <c>/repositories/{id}</c> (as GitHub does); GraphQL follows.</summary>
    public void Rename(string oldName, string newName)
    {
        var repo = _byName[oldName];
        _byName.TryRemove(oldName, out _);
        repo.FullName = newName;
        _byName[newName] = repo;
        _redirects[oldName] = $"/repositories/{repo.Id}";
    }

    /// <summary>Makes <c>/repos/{name}</c> answer 301 to <paramref name="location"/> (absolute or relative).</summary>
    public void Redirect(string name, string location) => _redirects[name] = location;

    public void Block(string name) => _blocked[name] = 0;

    /// <summary>Deletes a repository: it answers 404 from now on.</summary>
    public void Delete(string name)
    {
        if (_byName.TryRemove(name, out var repo))
        {
            _byId.TryRemove(repo.Id, out _);
        }
    }

    /// <summary>Queues a fault for a path (<c>/repos/o/n</c> or <c>/graphql</c>); each fault answers one request.</summary>
    public void Fault(string path, Func<HttpContext, Task> fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(path, _ => new ConcurrentQueue<Func<HttpContext, Task>>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    public void SetCoreRemaining(int remaining) => _coreRemaining = remaining;

    public Func<HttpContext, Task> PrimaryLimit(TimeSpan resetIn, string resource = "core") => async ctx =>
    {
        ctx.Response.StatusCode = 403;
        var reset = _time.GetUtcNow() + resetIn;
        ctx.Response.Headers["x-ratelimit-limit"] = "60";
        ctx.Response.Headers["x-ratelimit-remaining"] = "0";
        ctx.Response.Headers["x-ratelimit-used"] = "60";
        ctx.Response.Headers["x-ratelimit-resource"] = resource;
        ctx.Response.Headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await WriteJsonAsync(ctx, PrimaryTemplate.DeepClone());
    };

    public static Func<HttpContext, Task> SecondaryLimit(int? retryAfterSeconds, int status = 403) => async ctx =>
    {
        ctx.Response.StatusCode = status;
        if (retryAfterSeconds is { } s)
        {
            ctx.Response.Headers["retry-after"] = s.ToString(CultureInfo.InvariantCulture);
        }

        var body = (JsonObject)SecondaryTemplate.DeepClone();
        if (retryAfterSeconds is null)
        {
            body["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
        }

        await WriteJsonAsync(ctx, body);
    };

    /// <summary>GraphQL's primary limit: HTTP 200 with a <c>RATE_LIMITED</c> error and the rate-limit headers at 0.</summary>
    public Func<HttpContext, Task> GraphQlRateLimited(TimeSpan resetIn) => async ctx =>
    {
        ctx.Response.Headers["x-ratelimit-limit"] = "5000";
        ctx.Response.Headers["x-ratelimit-remaining"] = "0";
        ctx.Response.Headers["x-ratelimit-resource"] = "graphql";
        ctx.Response.Headers["x-ratelimit-reset"] = (_time.GetUtcNow() + resetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await WriteJsonAsync(ctx, new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["type"] = "RATE_LIMITED", ["message"] = "API rate limit exceeded for user ID 1." }),
        });
    };

    /// <summary>A plain 403 that is no rate limit (the recorded "Missing or invalid User Agent string" answer's message).</summary>
    public static Func<HttpContext, Task> Forbidden() => async ctx =>
    {
        ctx.Response.StatusCode = 403;
        await WriteJsonAsync(ctx, new JsonObject { ["message"] = "Resource not accessible by integration" });
    };

    public static Func<HttpContext, Task> Status(int status) => async ctx =>
    {
        ctx.Response.StatusCode = status;
        await ctx.Response.WriteAsync("<html><body>Unicorn!</body></html>");
    };

    /// <summary>Holds the request until the client gives up.</summary>
    public Func<HttpContext, Task> Slow() => async ctx =>
    {
        Interlocked.Increment(ref _slowInFlight);
        try
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _slowInFlight);
        }
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = ctx.Request.Path.Value ?? "/";

            // GitHub Enterprise Server layout: REST under /api/v3, GraphQL at /api/graphql.
            if (path.StartsWith("/api/v3/", StringComparison.Ordinal))
            {
                path = path["/api/v3".Length..];
            }
            else if (path == "/api/graphql")
            {
                path = "/graphql";
            }

            Requests.Enqueue(new RecordedRequest(
                ctx.Request.Method,
                path,
                ctx.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body,
                ctx.Request.Path.Value ?? "/"));

            if (_faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var fault))
            {
                await fault(ctx);
                return;
            }

            if (path == "/graphql" && ctx.Request.Method == "POST")
            {
                await GraphQlAsync(ctx, body);
            }
            else if (path.StartsWith("/repos/", StringComparison.Ordinal))
            {
                await RestByNameAsync(ctx, path["/repos/".Length..]);
            }
            else if (path.StartsWith("/repositories/", StringComparison.Ordinal)
                     && long.TryParse(path["/repositories/".Length..], CultureInfo.InvariantCulture, out var id)
                     && _byId.TryGetValue(id, out var byId))
            {
                await RestRepoAsync(ctx, byId);
            }
            else
            {
                await NotFoundAsync(ctx);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task RestByNameAsync(HttpContext ctx, string name)
    {
        if (_redirects.TryGetValue(name, out var location))
        {
            var target = location.StartsWith('/') ? new Uri(BaseUrl, location.TrimStart('/')).AbsoluteUri : location;
            RateHeaders(ctx, "core", spend: true);
            ctx.Response.StatusCode = 301;
            ctx.Response.Headers.Location = target;
            var moved = (JsonObject)MovedTemplate.DeepClone();
            moved["url"] = target;
            await WriteJsonAsync(ctx, moved);
        }
        else if (_blocked.ContainsKey(name))
        {
            RateHeaders(ctx, "core", spend: true);
            ctx.Response.StatusCode = 451;
            await WriteJsonAsync(ctx, BlockedTemplate.DeepClone());
        }
        else if (_byName.TryGetValue(name, out var repo))
        {
            await RestRepoAsync(ctx, repo);
        }
        else
        {
            await NotFoundAsync(ctx);
        }
    }

    private async Task RestRepoAsync(HttpContext ctx, FakeRepo repo)
    {
        if (ctx.Request.Headers.IfNoneMatch.ToString() == repo.Etag)
        {
            RateHeaders(ctx, "core", spend: false);
            ctx.Response.StatusCode = 304;
            ctx.Response.Headers.ETag = repo.Etag;
            return;
        }

        RateHeaders(ctx, "core", spend: true);
        ctx.Response.Headers.ETag = repo.Etag;
        await WriteJsonAsync(ctx, RestBody(repo, BaseUrl));
    }

    private async Task NotFoundAsync(HttpContext ctx)
    {
        RateHeaders(ctx, "core", spend: true);
        ctx.Response.StatusCode = 404;
        await WriteJsonAsync(ctx, NotFoundTemplate.DeepClone());
    }

    private async Task GraphQlAsync(HttpContext ctx, string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var variables = request["variables"]!.AsObject();
        var data = new JsonObject
        {
            ["rateLimit"] = new JsonObject
            {
                ["cost"] = 1,
                ["remaining"] = Interlocked.Decrement(ref _graphQlRemaining),
                ["resetAt"] = (_time.GetUtcNow() + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
        };
        var errors = new JsonArray();
        for (var i = 0; variables.ContainsKey($"o{i}"); i++)
        {
            var alias = $"r{i}";
            var name = $"{variables[$"o{i}"]}/{variables[$"n{i}"]}";
            var repo = Resolve(name);
            if (repo is not null)
            {
                data[alias] = GraphQlNode(repo, BaseUrl);
                continue;
            }

            data[alias] = null;
            var error = (JsonObject)GraphQlNotFoundTemplate["errors"]![0]!.DeepClone();
            error["path"] = new JsonArray(alias);
            error["message"] = $"Could not resolve to a Repository with the name '{name}'.";
            errors.Add(error);
        }

        ctx.Response.Headers["x-ratelimit-limit"] = "5000";
        ctx.Response.Headers["x-ratelimit-remaining"] = _graphQlRemaining.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["x-ratelimit-reset"] = (_time.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["x-ratelimit-resource"] = "graphql";
        var answer = new JsonObject { ["data"] = data };
        if (errors.Count > 0)
        {
            answer["errors"] = errors;
        }

        await WriteJsonAsync(ctx, answer);
    }

    /// <summary>GraphQL follows renames (an old name resolves to the repository under its new name).</summary>
    private FakeRepo? Resolve(string name)
    {
        if (_byName.TryGetValue(name, out var repo))
        {
            return repo;
        }

        return _redirects.TryGetValue(name, out var location) && location.StartsWith("/repositories/", StringComparison.Ordinal)
            && _byId.TryGetValue(long.Parse(location["/repositories/".Length..], CultureInfo.InvariantCulture), out var moved)
            ? moved
            : null;
    }

    private void RateHeaders(HttpContext ctx, string resource, bool spend)
    {
        var remaining = spend ? Math.Max(0, Interlocked.Decrement(ref _coreRemaining)) : Volatile.Read(ref _coreRemaining);
        ctx.Response.Headers["x-ratelimit-limit"] = "5000";
        ctx.Response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["x-ratelimit-used"] = (5000 - remaining).ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["x-ratelimit-reset"] = (_time.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["x-ratelimit-resource"] = resource;
    }

    /// <summary>The recorded REST shape with this repository's values.</summary>
    public static JsonObject RestBody(FakeRepo repo, Uri baseUrl)
    {
        var body = (JsonObject)RestTemplate.DeepClone();
        var (owner, name) = Split(repo.FullName);
        body["id"] = repo.Id;
        body["name"] = name;
        body["full_name"] = repo.FullName;
        body["owner"]!["login"] = owner;
        body["html_url"] = $"https://github.com/{repo.FullName}";
        body["url"] = new Uri(baseUrl, $"repos/{repo.FullName}").AbsoluteUri;
        body["description"] = $"The {name} repository";
        body["stargazers_count"] = repo.Stars;
        body["forks_count"] = 7;
        body["license"] = repo.License is null ? null : new JsonObject { ["key"] = repo.License.ToLowerInvariant(), ["spdx_id"] = repo.License, ["name"] = repo.License };
        body["language"] = repo.Language;
        body["topics"] = new JsonArray("machine-learning", "llm");
        body["archived"] = repo.Archived;
        body["pushed_at"] = "2026-03-01T12:00:00Z";
        body["default_branch"] = "main";
        body["homepage"] = "";
        return body;
    }

    public static JsonObject GraphQlNode(FakeRepo repo, Uri baseUrl) => new()
    {
        ["nameWithOwner"] = repo.FullName,
        ["url"] = $"https://github.com/{repo.FullName}",
        ["description"] = $"The {Split(repo.FullName).Name} repository",
        ["homepageUrl"] = null,
        ["stargazerCount"] = repo.Stars,
        ["forkCount"] = 7,
        ["licenseInfo"] = repo.License is null ? null : new JsonObject { ["spdxId"] = repo.License },
        ["primaryLanguage"] = repo.Language is null ? null : new JsonObject { ["name"] = repo.Language },
        ["isArchived"] = repo.Archived,
        ["isDisabled"] = false,
        ["pushedAt"] = "2026-03-01T12:00:00Z",
        ["defaultBranchRef"] = new JsonObject { ["name"] = "main" },
        ["repositoryTopics"] = new JsonObject
        {
            ["nodes"] = new JsonArray(
                new JsonObject { ["topic"] = new JsonObject { ["name"] = "machine-learning" } },
                new JsonObject { ["topic"] = new JsonObject { ["name"] = "llm" } }),
        },
    };

    private static (string Owner, string Name) Split(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return (fullName[..slash], fullName[(slash + 1)..]);
    }

    private static async Task WriteJsonAsync(HttpContext ctx, JsonNode? body)
    {
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body?.ToJsonString() ?? "null");
    }

    private static JsonObject LoadFile(string name)
        => JsonNode.Parse(File.ReadAllText(RepoFiles.Fixture(Path.Combine("github", name))))!.AsObject();

    private static JsonObject LoadBody(string name) => LoadFile(name)["body"]!.AsObject();
}
