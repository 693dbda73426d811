using System.Net;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Enrichment.Tests.GitHub;

public sealed class GitHubStatusTableTests
{
    [Theory]
    [InlineData(200, GitHubAnswer.Ok)]
    [InlineData(304, GitHubAnswer.NotModified)]
    [InlineData(301, GitHubAnswer.Redirect)]
    [InlineData(302, GitHubAnswer.Redirect)]
    [InlineData(307, GitHubAnswer.Redirect)]
    [InlineData(308, GitHubAnswer.Redirect)]
    [InlineData(404, GitHubAnswer.NotFound)]
    [InlineData(451, GitHubAnswer.Blocked)]
    [InlineData(401, GitHubAnswer.BadCredentials)]
    [InlineData(403, GitHubAnswer.Limited)]
    [InlineData(429, GitHubAnswer.Limited)]
    [InlineData(500, GitHubAnswer.Failed)]
    [InlineData(502, GitHubAnswer.Failed)]
    [InlineData(410, GitHubAnswer.Failed)]
    [InlineData(204, GitHubAnswer.Failed)]
    internal void Of_MapsEachStatusToOneAnswer(int status, GitHubAnswer expected)
        => GitHubStatusTable.Of((HttpStatusCode)status).Should().Be(expected);
}
