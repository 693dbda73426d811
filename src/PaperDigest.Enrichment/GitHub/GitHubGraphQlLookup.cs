using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>
/// Looks up a batch of repositories in one GraphQL query (one aliased <c>repository</c> field each, and the query's
/// <c>rateLimit</c>), waiting out rate limits; needs a token.
/// </summary>
internal sealed class GitHubGraphQlLookup(GitHubConnection connection, GitHubRateLimits limits, GitHubRepositoryCache cache, Uri graphQlUrl, ILogger logger, GitHubCounters counters)
{
    private const string RepositoryFields =
        "nameWithOwner url description homepageUrl stargazerCount forkCount licenseInfo{spdxId} primaryLanguage{name} "
        + "isArchived isDisabled pushedAt defaultBranchRef{name} repositoryTopics(first:20){nodes{topic{name}}}";

    /// <summary>Looks a batch up.</summary>
    /// <param name="batch">The repositories.</param>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>For each repository of the batch, in order, the result and the cache entry to store (none for failures).</returns>
    public async Task<List<(RepositoryResult Result, CacheEntry? Store)>> LookupAsync(GitHubWanted[] batch, GitHubRun run, CancellationToken cancellationToken)
    {
        var secondary = 0;
        while (true)
        {
            if (!await limits.WaitForQuotaAsync("graphql", run, cancellationToken).ConfigureAwait(false))
            {
                return [.. batch.Select(w => (GitHubOutcomes.NotResolved(w, run), (CacheEntry?)null))];
            }

            using var request = connection.CreateRequest(HttpMethod.Post, graphQlUrl);
            request.Content = new StringContent(JsonSerializer.Serialize(BuildQuery(batch), GitHubJsonContext.Default.GraphQlRequest), Encoding.UTF8, "application/json");
            Interlocked.Increment(ref counters.GraphQlRequests);
            var (response, failure) = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return Fail(batch, failure);
            }

            using (response)
            {
                var resource = limits.Record(response, "graphql");
                var status = (int)response.StatusCode;
                GitHubLog.Response(logger, "POST", graphQlUrl.Host, graphQlUrl.AbsolutePath, status);
                var body = await GitHubConnection.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                GraphQlResponse? answer = null;
                try
                {
                    answer = body.Length == 0 ? null : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GraphQlResponse);
                }
                catch (JsonException)
                {
                    // Not JSON: handled by status below.
                }

                // GraphQL's primary limit comes as 200 with a RATE_LIMITED error: a limit like a 403 or 429.
                var rateLimited = answer?.Errors?.Any(e => e.Type == "RATE_LIMITED") == true;
                var meaning = GitHubStatusTable.Of(response.StatusCode);
                if (meaning == GitHubAnswer.Ok && rateLimited)
                {
                    meaning = GitHubAnswer.Limited;
                }

                switch (meaning)
                {
                    case GitHubAnswer.Limited:
                        {
                            var message = answer?.Errors?.FirstOrDefault()?.Message ?? GitHubConnection.ParseError(body)?.Message;
                            if (rateLimited && !response.Headers.Contains("x-ratelimit-remaining"))
                            {
                                message ??= "API rate limit exceeded";
                            }

                            var verdict = await limits.HandleLimitAsync(response, message, resource, ++secondary, run, cancellationToken, primaryHint: rateLimited).ConfigureAwait(false);
                            if (verdict == LimitVerdict.Retry)
                            {
                                continue;
                            }

                            return verdict == LimitVerdict.Stopped
                                ? [.. batch.Select(w => (GitHubOutcomes.NotResolved(w, run), (CacheEntry?)null))]
                                : Fail(batch, GitHubOutcomes.Refused(status, message));
                        }

                    case GitHubAnswer.BadCredentials:
                        run.Stop(GitHubOutcomes.BadCredentialsStop);
                        return Fail(batch, GitHubOutcomes.BadCredentials);

                    case GitHubAnswer.Ok:
                        return answer is null ? Fail(batch, "GitHub's GraphQL answer could not be read.") : Read(batch, answer);

                    default:
                        return Fail(batch, GitHubOutcomes.Answered(status, response.ReasonPhrase));
                }
            }
        }
    }

    private List<(RepositoryResult Result, CacheEntry? Store)> Read(GitHubWanted[] batch, GraphQlResponse answer)
    {
        var data = answer.Data is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
        if (data is { } dd && dd.TryGetProperty("rateLimit", out var rl) && rl.ValueKind == JsonValueKind.Object)
        {
            var limit = rl.Deserialize(GitHubJsonContext.Default.GraphQlRateLimit);
            if (limit is not null)
            {
                Interlocked.Add(ref counters.GraphQlCost, limit.Cost);
                if (limit.ResetAt is { } reset)
                {
                    limits.Record("graphql", limit.Remaining, reset);
                }
            }
        }

        var errors = answer.Errors ?? [];
        var list = new List<(RepositoryResult, CacheEntry?)>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var w = batch[i];
            var alias = "r" + i.ToString(CultureInfo.InvariantCulture);
            if (data is { } obj && obj.TryGetProperty(alias, out var node) && node.ValueKind == JsonValueKind.Object)
            {
                GraphQlRepository? repo = null;
                try
                {
                    repo = node.Deserialize(GitHubJsonContext.Default.GraphQlRepository);
                }
                catch (JsonException)
                {
                    // Reported below.
                }

                var repository = repo is null ? null : FromGraphQl(repo);
                list.Add(repository is null
                    ? (GitHubOutcomes.Failed(w, "GitHub's GraphQL answer for this repository could not be read."), null)
                    : (GitHubOutcomes.ResultFor(w.Requested, repository), cache.RepositoryEntry(w.Key, repository, null)));
                continue;
            }

            var error = errors.FirstOrDefault(e => e.Path is { Count: > 0 } p && p[0].ValueKind == JsonValueKind.String && p[0].GetString() == alias)
                ?? (data is null ? errors.FirstOrDefault() : null);
            if (error?.Type == "NOT_FOUND")
            {
                const string reason = "GitHub's GraphQL API found no such repository (NOT_FOUND), or it is private.";
                list.Add((new RepositoryResult(w.Requested, RepositoryState.NotFound, Reason: reason), cache.MissingEntry(w.Key, RepositoryState.NotFound, reason)));
            }
            else if (error?.Type == "UNAVAILABLE_FOR_LEGAL_REASONS" || error?.Message?.Contains("access blocked", StringComparison.OrdinalIgnoreCase) == true)
            {
                var reason = $"access blocked for legal reasons: {GitHubOutcomes.Trim(error.Message)}";
                list.Add((new RepositoryResult(w.Requested, RepositoryState.Blocked, Reason: reason), cache.MissingEntry(w.Key, RepositoryState.Blocked, reason)));
            }
            else
            {
                var reason = error is null
                    ? "GitHub's GraphQL answer had no data for this repository."
                    : $"GitHub's GraphQL API answered {error.Type ?? "an error"}: {GitHubOutcomes.Trim(error.Message)}";
                list.Add((GitHubOutcomes.Failed(w, reason), null));
            }
        }

        return list;
    }

    private static GraphQlRequest BuildQuery(GitHubWanted[] batch)
    {
        var query = new StringBuilder("query(");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Length; i++)
        {
            query.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}$o{i}:String!,$n{i}:String!");
            variables[$"o{i}"] = batch[i].Owner;
            variables[$"n{i}"] = batch[i].Repo;
        }

        query.Append("){rateLimit{cost remaining resetAt}");
        for (var i = 0; i < batch.Length; i++)
        {
            query.Append(CultureInfo.InvariantCulture, $" r{i}:repository(owner:$o{i},name:$n{i}){{...R}}");
        }

        query.Append("} fragment R on Repository{").Append(RepositoryFields).Append('}');
        return new GraphQlRequest { Query = query.ToString(), Variables = variables };
    }

    private static List<(RepositoryResult Result, CacheEntry? Store)> Fail(GitHubWanted[] batch, string? reason)
        => [.. batch.Select(w => (GitHubOutcomes.Failed(w, reason), (CacheEntry?)null))];

    private static GitHubRepository? FromGraphQl(GraphQlRepository r)
    {
        if (r.NameWithOwner is null || !GitHubRepositoryName.TryParse(r.NameWithOwner, out var owner, out var name))
        {
            return null;
        }

        return new GitHubRepository
        {
            Owner = owner,
            Name = name,
            HtmlUrl = r.Url ?? $"https://github.com/{owner}/{name}",
            Description = GitHubOutcomes.NullIfEmpty(r.Description),
            Stars = r.StargazerCount,
            Forks = r.ForkCount,
            License = GitHubOutcomes.NullIfEmpty(r.LicenseInfo?.SpdxId),
            Language = GitHubOutcomes.NullIfEmpty(r.PrimaryLanguage?.Name),
            Topics = [.. (r.RepositoryTopics?.Nodes ?? []).Select(n => n.Topic?.Name).OfType<string>()],
            Archived = r.IsArchived,
            Disabled = r.IsDisabled,
            PushedAt = r.PushedAt,
            DefaultBranch = GitHubOutcomes.NullIfEmpty(r.DefaultBranchRef?.Name),
            Homepage = GitHubOutcomes.NullIfEmpty(r.HomepageUrl),
        };
    }
}
