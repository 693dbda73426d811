using PaperDigest.Enrichment.GitHub;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Enrichment.Tests.GitHub;

public class GitHubOnlineChecksTests
{
    private const string Digest = """
        ## s1: Simple test-time scaling
        [s1: 测试时间缩放](https://arxiv.org/abs/2501.19393)

        代码见 https://github.com/old-owner/s1 以及 [仓库](https://github.com/gone/repo)，还有 https://github.com/arch/ived/tree/main/docs 和 https://github.com/dmca/blocked 。

        ## Second paper
        [第二篇](https://arxiv.org/abs/2502.00001)

        同样的仓库 https://github.com/OLD-OWNER/s1 。
        """;

    private static readonly GitHubRepository Moved = new() { Owner = "new-owner", Name = "s1-renamed", HtmlUrl = "https://github.com/new-owner/s1-renamed" };

    private static readonly Dictionary<string, RepositoryResult> Results = new(StringComparer.OrdinalIgnoreCase)
    {
        ["old-owner/s1"] = new("old-owner/s1", RepositoryState.Renamed, Moved),
        ["gone/repo"] = new("gone/repo", RepositoryState.NotFound),
        ["arch/ived"] = new("arch/ived", RepositoryState.Found, new GitHubRepository { Owner = "arch", Name = "ived", HtmlUrl = "https://github.com/arch/ived", Archived = true }),
        ["dmca/blocked"] = new("dmca/blocked", RepositoryState.Blocked, Reason: "access blocked for legal reasons (HTTP 451): dmca"),
    };

    [Fact]
    public void RepositoryNames_AreDistinctCaseInsensitiveInOrder()
    {
        var document = DigestParser.Default.Parse(Digest);

        GitHubOnlineChecks.RepositoryNames(document.Entries).Should().Equal("old-owner/s1", "gone/repo", "arch/ived", "dmca/blocked");
    }

    [Fact]
    public void Check_ReportsRenamedNotFoundArchivedAndBlocked()
    {
        var document = DigestParser.Default.Parse(Digest, "digest.md");

        var findings = GitHubOnlineChecks.Check(document.Entries, Results, "digest.md");

        findings.Select(f => f.Diagnostic.Id).Should().Equal("PD0301", "PD0300", "PD0302", "PD0303", "PD0301");
        var renamed = findings[0];
        renamed.Diagnostic.Severity.Should().Be(DiagnosticSeverity.Warning);
        renamed.Diagnostic.Message.Should().Contain("https://github.com/new-owner/s1-renamed");
        renamed.Diagnostic.Path.Should().Be("digest.md");
        renamed.Diagnostic.ArxivId.Should().Be("2501.19393");
        renamed.Fix!.ReplacementUrl.Should().Be("https://github.com/new-owner/s1-renamed");
        findings[2].Diagnostic.Severity.Should().Be(DiagnosticSeverity.Info);
        findings[3].Diagnostic.Message.Should().Contain("dmca");
    }

    [Fact]
    public void Fixes_AsTextEdits_RewriteEveryRenamedLinkAndNothingElse()
    {
        var document = DigestParser.Default.Parse(Digest);
        var fixes = GitHubOnlineChecks.Check(document.Entries, Results).Select(f => f.Fix).OfType<GitHubLinkFix>().ToList();

        var edits = fixes.Select(f => GitHubOnlineChecks.ToTextEdit(Digest, f)).OfType<TextEdit>().ToList();
        var text = TextEdit.Apply(Digest, edits);

        edits.Should().HaveCount(2);
        text.Should().Be(Digest
            .Replace("https://github.com/old-owner/s1", "https://github.com/new-owner/s1-renamed", StringComparison.Ordinal)
            .Replace("https://github.com/OLD-OWNER/s1", "https://github.com/new-owner/s1-renamed", StringComparison.Ordinal));
        GitHubOnlineChecks.Check(DigestParser.Default.Parse(text).Entries, Results).Should().NotContain(f => f.Diagnostic.Id == "PD0301");
    }

    [Fact]
    public void ApplyFixes_DeepLinkKeepsItsPath()
    {
        var document = DigestParser.Default.Parse(Digest.Replace("https://github.com/old-owner/s1 ", "https://github.com/old-owner/s1/tree/main/eval ", StringComparison.Ordinal));
        var fix = GitHubOnlineChecks.Check(document.Entries, Results).First().Fix!;

        fix.ReplacementUrl.Should().Be("https://github.com/new-owner/s1-renamed/tree/main/eval");
    }
}
