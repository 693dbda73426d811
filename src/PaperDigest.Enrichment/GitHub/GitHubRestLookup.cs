using System.Text.Json;
using Microsoft.Extensions.Logging;
using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>
/// Looks up one repository through REST (<c>GET /repos/{owner}/{name}</c>): conditionally with the cached ETag when
/// revalidating, following the redirects of renamed repositories, waiting out rate limits.
/// </summary>
internal sealed class GitHubRestLookup(GitHubConnection connection, GitHubRateLimits limits, GitHubRepositoryCache cache, GitHubClientOptions options, ILogger logger, GitHubCounters counters)
{
    /// <summary>Looks a repository up.</summary>
    /// <param name="w">The repository.</param>
    /// <param name="stale">The stale cached answer to revalidate, if any.</param>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The result, and the cache entry to store (none for failures).</returns>
    public async Task<(RepositoryResult Result, CacheEntry? Store)> LookupAsync(GitHubWanted w, GitHubRevalidation? stale, GitHubRun run, CancellationToken cancellationToken)
    {
        var uri = new Uri(connection.ApiUrl, $"repos/{Uri.EscapeDataString(w.Owner)}/{Uri.EscapeDataString(w.Repo)}");
        var redirects = 0;
        var secondary = 0;
        while (true)
        {
            if (!await limits.WaitForQuotaAsync("core", run, cancellationToken).ConfigureAwait(false))
            {
                return (GitHubOutcomes.NotResolved(w, run), null);
            }

            using var request = connection.CreateRequest(HttpMethod.Get, uri);
            if (stale?.Entry.ETag is { } etag && redirects == 0)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            Interlocked.Increment(ref counters.RestRequests);
            var (response, failure) = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return (GitHubOutcomes.Failed(w, failure), null);
            }

            using (response)
            {
                var resource = limits.Record(response, "core");
                var status = (int)response.StatusCode;
                GitHubLog.Response(logger, "GET", uri.Host, uri.AbsolutePath, status);
                switch (GitHubStatusTable.Of(response.StatusCode))
                {
                    case GitHubAnswer.Ok:
                        {
                            var body = await GitHubConnection.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                            var repository = Parse(body, uri);
                            if (repository is null)
                            {
                                return (GitHubOutcomes.Failed(w, "GitHub's answer could not be read as a repository."), null);
                            }

                            var tag = redirects == 0 ? response.Headers.ETag?.ToString() : null;
                            return (GitHubOutcomes.ResultFor(w.Requested, repository), cache.RepositoryEntry(w.Key, repository, tag));
                        }

                    case GitHubAnswer.NotModified when stale is not null:
                        return (GitHubOutcomes.ResultFor(w.Requested, stale.Cached), cache.Revalidated(stale.Entry, response.Headers.ETag?.ToString()));

                    case GitHubAnswer.Redirect:
                        {
                            var location = response.Headers.Location;
                            if (location is null)
                            {
                                return (GitHubOutcomes.Failed(w, $"GitHub answered {status} without a location."), null);
                            }

                            if (++redirects > options.MaxRedirects)
                            {
                                return (GitHubOutcomes.Failed(w, $"more than {options.MaxRedirects} redirects."), null);
                            }

                            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                            {
                                return (GitHubOutcomes.Failed(w, "GitHub redirected to a URL that is not http(s)."), null);
                            }

                            continue;
                        }

                    case GitHubAnswer.NotFound:
                        {
                            const string reason = "GitHub answered 404: no such repository, or it is private.";
                            return (new RepositoryResult(w.Requested, RepositoryState.NotFound, Reason: reason), cache.MissingEntry(w.Key, RepositoryState.NotFound, reason));
                        }

                    case GitHubAnswer.Blocked:
                        {
                            var error = GitHubConnection.ParseError(await GitHubConnection.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false));
                            var reason = "access blocked for legal reasons (HTTP 451)"
                                + (error?.Block?.Reason is { Length: > 0 } r ? $": {r}" : "")
                                + (error?.Block?.HtmlUrl is { Length: > 0 } u ? $" ({u})" : "");
                            return (new RepositoryResult(w.Requested, RepositoryState.Blocked, Reason: reason), cache.MissingEntry(w.Key, RepositoryState.Blocked, reason));
                        }

                    case GitHubAnswer.BadCredentials:
                        run.Stop(GitHubOutcomes.BadCredentialsStop);
                        return (GitHubOutcomes.Failed(w, GitHubOutcomes.BadCredentials), null);

                    case GitHubAnswer.Limited:
                        {
                            var body = await GitHubConnection.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                            var message = GitHubConnection.ParseError(body)?.Message;
                            var verdict = await limits.HandleLimitAsync(response, message, resource, ++secondary, run, cancellationToken).ConfigureAwait(false);
                            if (verdict == LimitVerdict.Retry)
                            {
                                continue;
                            }

                            return verdict == LimitVerdict.Stopped
                                ? (GitHubOutcomes.NotResolved(w, run), null)
                                : (GitHubOutcomes.Failed(w, GitHubOutcomes.Refused(status, message)), null);
                        }

                    default:
                        return (GitHubOutcomes.Failed(w, GitHubOutcomes.Answered(status, response.ReasonPhrase)), null);
                }
            }
        }
    }

    private static GitHubRepository? Parse(string body, Uri requestUri)
    {
        RestRepository? r;
        try
        {
            r = JsonSerializer.Deserialize(body, GitHubRestJsonContext.Default.RestRepository);
        }
        catch (JsonException)
        {
            return null;
        }

        if (r?.FullName is null || !GitHubRepositoryName.TryParse(r.FullName, out var owner, out var name))
        {
            return null;
        }

        return new GitHubRepository
        {
            Owner = owner,
            Name = name,
            HtmlUrl = r.HtmlUrl ?? $"https://{(requestUri.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase) ? requestUri.Host[4..] : requestUri.Host)}/{owner}/{name}",
            Description = GitHubOutcomes.NullIfEmpty(r.Description),
            Stars = r.StargazersCount,
            Forks = r.ForksCount,
            License = GitHubOutcomes.NullIfEmpty(r.License?.SpdxId),
            Language = GitHubOutcomes.NullIfEmpty(r.Language),
            Topics = r.Topics ?? [],
            Archived = r.Archived,
            Disabled = r.Disabled,
            PushedAt = r.PushedAt,
            DefaultBranch = GitHubOutcomes.NullIfEmpty(r.DefaultBranch),
            Homepage = GitHubOutcomes.NullIfEmpty(r.Homepage),
        };
    }
}
