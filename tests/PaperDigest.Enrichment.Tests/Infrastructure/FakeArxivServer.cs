using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PaperDigest.Model;
using PaperDigest.Testing;

namespace PaperDigest.Enrichment.Tests.Infrastructure;

/// <summary>A scripted answer the server gives instead of the normal one.</summary>
public enum FaultKind
{
    Status,
    Slow,
    Truncated,
    InvalidXml,
    Doctype,
    EmptyPage,
}

/// <summary>One scripted fault: what to answer, and for a status, with which Retry-After (seconds).</summary>
public sealed record Fault(FaultKind Kind, int StatusCode = 200, int? RetryAfterSeconds = null)
{
    public static Fault Status(int code, int? retryAfter = null) => new(FaultKind.Status, code, retryAfter);
}

/// <summary>One request the server saw, with the fake time it arrived at.</summary>
public sealed record RecordedRequest(DateTimeOffset At, string Path, IReadOnlyList<string> Ids, int? MaxResults, string UserAgent);

/// <summary>
/// Plays arXiv on 127.0.0.1 (Kestrel, port 0): <c>/api/query?id_list=…</c> answered from the recorded responses in
/// Fixtures/arxiv, <c>/abs/ID</c> from the hand-written abstract page, with scripted faults taken in order.
/// </summary>
public sealed partial class FakeArxivServer : IAsyncDisposable
{
    private const string FeedHead = """
        <?xml version='1.0' encoding='UTF-8'?>
        <feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
          <id>https://arxiv.org/api/fake</id>
          <title>arXiv Query: fake</title>
          <updated>2026-04-12T22:10:19Z</updated>
        """;

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _recorded = new(StringComparer.Ordinal);
    private readonly string _template;
    private readonly string _absTemplate;
    private readonly string _errorTemplate;
    private readonly ConcurrentQueue<Fault> _apiFaults = new();
    private readonly ConcurrentQueue<Fault> _absFaults = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _stalling;

    private FakeArxivServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        foreach (var file in Directory.GetFiles(Fixtures.Dir, "api-*.xml"))
        {
            foreach (Match m in EntryRegex().Matches(File.ReadAllText(file, Encoding.UTF8)))
            {
                var idMatch = IdRegex().Match(m.Value);
                if (idMatch.Success && ArxivId.TryParse(idMatch.Groups[1].Value, out var id))
                {
                    _recorded.TryAdd(id.Value, m.Value);
                }
            }
        }

        _template = _recorded["1605.08386"];
        _absTemplate = Fixtures.Text("abs-page-template.html");
        _errorTemplate = Fixtures.Text("api-2026-idlist-abc-malformed-400-error.xml");
    }

    /// <summary>The API endpoint.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>The abstract-page prefix.</summary>
    public Uri AbsUrl { get; private set; } = null!;

    /// <summary>Well-formed identifiers arXiv has no paper for (besides the recorded absent ones).</summary>
    public HashSet<string> MissingIds { get; } = new(StringComparer.Ordinal) { "0808.05394", "0000.0000", "2501.99999" };

    /// <summary>Identifiers the API rejects with its 400 Error entry, as if malformed.</summary>
    public HashSet<string> RejectedIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the 400 Error entry names the rejected identifier (as arXiv does) or says nothing useful.</summary>
    public bool ErrorNamesId { get; set; } = true;

    /// <summary>Whether a request is being deliberately held (the "slow answer" fault).</summary>
    public bool IsStalling => Volatile.Read(ref _stalling) > 0;

    /// <summary>The requests seen so far.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => r.Path.StartsWith("/api", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<RecordedRequest> AbsRequests => Requests.Where(r => r.Path.StartsWith("/abs", StringComparison.Ordinal)).ToList();

    public void EnqueueApiFault(params Fault[] faults)
    {
        foreach (var f in faults)
        {
            _apiFaults.Enqueue(f);
        }
    }

    public void EnqueueAbsFault(params Fault[] faults)
    {
        foreach (var f in faults)
        {
            _absFaults.Enqueue(f);
        }
    }

    public static async Task<FakeArxivServer> StartAsync(TimeProvider time)
    {
        var app = LoopbackHost.Create();
        var server = new FakeArxivServer(app, time);
        var address = await LoopbackHost.StartAsync(app, server.HandleAsync);
        server.ApiUrl = new Uri(address + "/api/query");
        server.AbsUrl = new Uri(address + "/abs/");
        return server;
    }

    public string EntryFor(string id)
    {
        if (_recorded.TryGetValue(id, out var entry))
        {
            return entry;
        }

        return _template.Replace("1605.08386", id, StringComparison.Ordinal)
            .Replace("Heat-bath random walks with Markov bases", $"Synthetic paper {id}", StringComparison.Ordinal);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var ids = new List<string>();
        int? max = null;
        if (path.StartsWith("/api", StringComparison.Ordinal))
        {
            ids.AddRange((context.Request.Query["id_list"].ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
            max = int.TryParse(context.Request.Query["max_results"], out var m) ? m : null;
        }
        else if (path.StartsWith("/abs/", StringComparison.Ordinal))
        {
            ids.Add(path["/abs/".Length..]);
        }

        lock (_requests)
        {
            _requests.Add(new RecordedRequest(_time.GetUtcNow(), path, ids, max, context.Request.Headers.UserAgent.ToString()));
        }

        var isApi = path.StartsWith("/api", StringComparison.Ordinal);
        if ((isApi ? _apiFaults : _absFaults).TryDequeue(out var fault))
        {
            await ServeFaultAsync(context, fault, ids);
            return;
        }

        if (isApi)
        {
            await ServeQueryAsync(context, ids);
        }
        else if (path.StartsWith("/abs/", StringComparison.Ordinal))
        {
            await ServeAbsAsync(context, ids[0]);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private async Task ServeQueryAsync(HttpContext context, List<string> ids)
    {
        var rejected = ids.FirstOrDefault(i => RejectedIds.Contains(i) || !ArxivId.TryParse(i, out _));
        if (rejected is not null)
        {
            var name = ErrorNamesId ? rejected : "the request";
            await WriteAsync(context, 400, _errorTemplate.Replace("abc", name, StringComparison.Ordinal));
            return;
        }

        var sb = new StringBuilder(FeedHead);
        var entries = ids.Select(i => ArxivId.Parse(i).Value).Where(i => !MissingIds.Contains(i)).Distinct().ToList();
        sb.Append("  <opensearch:itemsPerPage>").Append(max(context)).Append("</opensearch:itemsPerPage>\n");
        sb.Append("  <opensearch:totalResults>").Append(entries.Count).Append("</opensearch:totalResults>\n");
        sb.Append("  <opensearch:startIndex>0</opensearch:startIndex>\n");

        // arXiv does not promise any order: answer in reverse.
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            sb.Append("  ").Append(EntryFor(entries[i])).Append('\n');
        }

        sb.Append("</feed>\n");
        await WriteAsync(context, 200, sb.ToString());

        static string max(HttpContext c) => c.Request.Query["max_results"].ToString();
    }

    private async Task ServeAbsAsync(HttpContext context, string idText)
    {
        if (!ArxivId.TryParse(idText, out var id) || MissingIds.Contains(id.Value))
        {
            await WriteAsync(context, 404, "<!DOCTYPE html><html><body>Article identifier not recognized</body></html>", "text/html");
            return;
        }

        var title = $"Synthetic paper {id.Value}";
        var html = _absTemplate.Replace("{{ID}}", id.Value, StringComparison.Ordinal).Replace("{{TITLE}}", title, StringComparison.Ordinal);
        await WriteAsync(context, 200, html, "text/html; charset=utf-8");
    }

    private async Task ServeFaultAsync(HttpContext context, Fault fault, List<string> ids)
    {
        switch (fault.Kind)
        {
            case FaultKind.Status:
                if (fault.RetryAfterSeconds is { } s)
                {
                    context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteAsync(context, fault.StatusCode, "Rate exceeded.", "text/plain");
                return;
            case FaultKind.Slow:
                Interlocked.Increment(ref _stalling);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _stalling);
                }

                return;
            case FaultKind.Truncated:
            {
                var body = Encoding.UTF8.GetBytes(FeedHead + "  " + EntryFor(ArxivId.Parse(ids[0]).Value) + "\n</feed>\n");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/atom+xml; charset=UTF-8";
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }

            case FaultKind.InvalidXml:
                await WriteAsync(context, 200, FeedHead + "  <entry><id>http://arxiv.org/abs/" + ids[0] + "v1</id><title>broken & not closed</summary>\n</feed>");
                return;
            case FaultKind.Doctype:
                await WriteAsync(context, 200, """
                    <?xml version="1.0"?>
                    <!DOCTYPE feed [
                      <!ENTITY lol "lol">
                      <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                    ]>
                    <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1605.08386v1</id><title>&lol3;</title></entry></feed>
                    """);
                return;
            case FaultKind.EmptyPage:
                await WriteAsync(context, 200, FeedHead + "  <opensearch:totalResults>0</opensearch:totalResults>\n</feed>\n");
                return;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType = "application/atom+xml; charset=UTF-8")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex(@"<entry>.*?</entry>", RegexOptions.Singleline)]
    private static partial Regex EntryRegex();

    [GeneratedRegex(@"<id>https?://arxiv\.org/abs/([^<]+)</id>")]
    private static partial Regex IdRegex();
}
