using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

public class PaperUrlTests
{
    [Theory]
    [InlineData("https://arxiv.org/abs/2501.19393", "2501.19393", null)]
    [InlineData("http://arxiv.org/abs/2501.19393", "2501.19393", null)]
    [InlineData("https://arxiv.org/abs/2501.19393v2", "2501.19393", 2)]
    [InlineData("https://arxiv.org/pdf/2501.19393", "2501.19393", null)]
    [InlineData("https://arxiv.org/pdf/2501.19393v3", "2501.19393", 3)]
    [InlineData("https://arxiv.org/pdf/2501.19393.pdf", "2501.19393", null)]
    [InlineData("https://arxiv.org/pdf/2501.19393v1.pdf", "2501.19393", 1)]
    [InlineData("https://arxiv.org/html/2501.19393v1", "2501.19393", 1)]
    [InlineData("https://www.arxiv.org/abs/2501.19393", "2501.19393", null)]
    [InlineData("https://export.arxiv.org/abs/2501.19393", "2501.19393", null)]
    [InlineData("HTTPS://ARXIV.ORG/abs/2501.19393", "2501.19393", null)]
    [InlineData("arxiv.org/abs/2501.19393", "2501.19393", null)]
    [InlineData("https://arxiv.org/abs/2501.19393/", "2501.19393", null)]
    [InlineData("https://arxiv.org/abs/2501.19393?context=cs", "2501.19393", null)]
    [InlineData("https://arxiv.org/abs/2501.19393#section", "2501.19393", null)]
    [InlineData("https://arxiv.org/abs/0704.0001", "0704.0001", null)]
    [InlineData("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("https://arxiv.org/abs/math.GT/0309136", "math/0309136", null)]
    [InlineData("https://arxiv.org/pdf/math.GT/0309136v2.pdf", "math/0309136", 2)]
    public void TryParseArxiv_EveryArxivForm_ReadsTheIdentifier(string url, string value, int? version)
    {
        PaperUrl.TryParseArxiv(url, out var id).Should().Be(PaperUrlKind.Arxiv);
        id.Value.Should().Be(value);
        id.Version.Should().Be(version);
    }

    [Theory]
    [InlineData("https://huggingface.co/papers/2501.19393")]
    [InlineData("https://hf.co/papers/2501.19393")]
    [InlineData("https://www.alphaxiv.org/abs/2501.19393")]
    [InlineData("https://alphaxiv.org/overview/2501.19393v2")]
    public void TryParseArxiv_PaperPageOnAnotherSite_IsAPaperPage(string url)
    {
        PaperUrl.TryParseArxiv(url, out var id).Should().Be(PaperUrlKind.PaperPage);
        id.Value.Should().Be("2501.19393");
    }

    [Theory]
    [InlineData("https://arxiv.org/abs/2501.1939")]
    [InlineData("https://arxiv.org/abs/foo")]
    [InlineData("https://arxiv.org/pdf/2513.12345")]
    [InlineData("https://arxiv.org/abs/")]
    [InlineData("https://huggingface.co/papers/abc")]
    public void TryParseArxiv_ArxivUrlWithBadIdentifier_IsMalformed(string url)
        => PaperUrl.TryParseArxiv(url, out _).Should().Be(PaperUrlKind.Malformed);

    [Theory]
    [InlineData("https://arxiv.org:443/abs/2501.19393", PaperUrlKind.Arxiv)]
    [InlineData("https://ArXiv.Org/abs/2501.19393", PaperUrlKind.Arxiv)]
    [InlineData("https://HF.CO/papers/2501.19393", PaperUrlKind.PaperPage)]
    [InlineData("https://arx\u0131v.org/abs/2501.19393", PaperUrlKind.NotAPaper)] // dotless i: not "arxiv.org", though it upper-cases to I
    [InlineData("https://arxiv.org\u00E9/abs/2501.19393", PaperUrlKind.NotAPaper)]
    public void TryParseArxiv_HostCase_IsComparedOnTheLowerCaseHost(string url, PaperUrlKind expected)
        => PaperUrl.TryParseArxiv(url, out _).Should().Be(expected);

    [Fact]
    public void TryParseArxiv_NonAsciiHost_IsLoweredLikeToLowerInvariant()
    {
        // U+0130 (capital I with dot) lowers to an ASCII 'i' under the invariant culture; the host then reads as arXiv's.
        const string host = "ARX\u0130V.ORG";
        var expected = host.ToLowerInvariant() == "arxiv.org" ? PaperUrlKind.Arxiv : PaperUrlKind.NotAPaper;
        PaperUrl.TryParseArxiv($"https://{host}/abs/2501.19393", out _).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://openreview.net/forum?id=abc")]
    [InlineData("https://arxiv.org/list/cs.AI/recent")]
    [InlineData("https://arxiv.org")]
    [InlineData("ftp://arxiv.org/abs/2501.19393")]
    [InlineData("https://notarxiv.org/abs/2501.19393")]
    [InlineData("https://github.com/simplescaling/s1")]
    public void TryParseArxiv_OtherUrl_IsNotAPaper(string url)
        => PaperUrl.TryParseArxiv(url, out _).Should().Be(PaperUrlKind.NotAPaper);

    [Theory]
    [InlineData("https://github.com/simplescaling/s1", "simplescaling", "s1")]
    [InlineData("https://github.com/GAIR-NLP/LIMO.git", "GAIR-NLP", "LIMO")]
    [InlineData("https://github.com/a/b/tree/main/src/x.py", "a", "b")]
    [InlineData("https://github.com/a/b/blob/main/README.md", "a", "b")]
    [InlineData("https://github.com/a/b?tab=readme-ov-file", "a", "b")]
    [InlineData("https://github.com/a/b#readme", "a", "b")]
    [InlineData("https://github.com/a/b/", "a", "b")]
    [InlineData("http://www.github.com/a/b", "a", "b")]
    [InlineData("github.com/a/b", "a", "b")]
    [InlineData("https://GitHub.com/Owner/Repo.name", "Owner", "Repo.name")]
    public void TryParseGitHub_RepositoryUrl_NormalisesToOwnerAndRepo(string url, string owner, string repo)
    {
        PaperUrl.TryParseGitHub(url, out var o, out var r, out var normalized).Should().BeTrue();
        o.Should().Be(owner);
        r.Should().Be(repo);
        normalized.Should().Be($"https://github.com/{owner}/{repo}");
    }

    [Theory]
    [InlineData("https://github.com/simplescaling")]
    [InlineData("https://github.com/")]
    [InlineData("https://github.com/orgs/openai")]
    [InlineData("https://github.com/topics/llm")]
    [InlineData("https://gist.github.com/a/b")]
    [InlineData("https://simplescaling.github.io/s1")]
    [InlineData("https://github.com/a%20b/c")]
    [InlineData("https://github.com/a/..")]
    public void TryParseGitHub_NotARepository_ReturnsFalse(string url)
        => PaperUrl.TryParseGitHub(url, out _, out _, out _).Should().BeFalse();

    [Theory]
    [InlineData("https://omnihuman-lab.github.io", true)]
    [InlineData("https://hila-chefer.github.io/videojam-paper.github.io/", true)]
    [InlineData("https://someone.gitlab.io/page?x=1", true)]
    [InlineData("https://github.com/a/b", false)]
    [InlineData("https://dpmd.ai/imo-silver", false)]
    public void IsProjectPageHost_GitHubAndGitLabPages_AreProjectPages(string url, bool expected)
        => PaperUrl.IsProjectPageHost(url).Should().Be(expected);
}
