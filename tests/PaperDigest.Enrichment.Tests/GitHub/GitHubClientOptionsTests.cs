using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;

namespace PaperDigest.Enrichment.Tests.GitHub;

public class GitHubClientOptionsTests
{
    [Fact]
    public void GetGraphQlUrl_PublicApi_IsApiGitHubComGraphql()
        => new GitHubClientOptions().GetGraphQlUrl().Should().Be(new Uri("https://api.github.com/graphql"));

    [Theory]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/graphql")]
    public void GetGraphQlUrl_EnterpriseServer_IsApiGraphql(string api, string expected)
        => new GitHubClientOptions { ApiUrl = new Uri(api) }.GetGraphQlUrl().Should().Be(new Uri(expected));

    [Fact]
    public void ResolveToken_PrefersTheOptionThenGitHubTokenThenGhToken()
    {
        var env = new Dictionary<string, string?> { ["GH_TOKEN"] = "gh", ["GITHUB_TOKEN"] = "github" };
        new GitHubClientOptions { Token = "option" }.ResolveToken(n => env.GetValueOrDefault(n)).Should().Be("option");
        new GitHubClientOptions().ResolveToken(n => env.GetValueOrDefault(n)).Should().Be("github");
        env["GITHUB_TOKEN"] = " ";
        new GitHubClientOptions().ResolveToken(n => env.GetValueOrDefault(n)).Should().Be("gh");
        new GitHubClientOptions { ReadTokenFromEnvironment = false }.ResolveToken(n => env.GetValueOrDefault(n)).Should().BeNull();
    }

    [Fact]
    public void Validate_Defaults_AreValid() => new GitHubClientOptions().Validate().Should().BeEmpty();

    [Fact]
    public void AddPaperDigestGitHub_InvalidOptions_ThrowsOnceListingEveryProblem()
    {
        var services = new ServiceCollection();

        var act = () => services.AddPaperDigestGitHub(o =>
        {
            o.GraphQlBatchSize = 0;
            o.MaxWait = TimeSpan.FromSeconds(-1);
            o.UserAgent = "";
            o.RepositoryTtl = TimeSpan.Zero;
        });

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("GraphQlBatchSize").And.Contain("MaxWait").And.Contain("UserAgent").And.Contain("RepositoryTtl");
    }

    [Fact]
    public void DefaultUserAgent_NamesTheToolAndVersion()
        => GitHubClientOptions.DefaultUserAgent.Should().MatchRegex(@"^PaperDigest/\d+\.\d+\.\d+");
}
