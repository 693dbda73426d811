using System.Text.RegularExpressions;

namespace PaperDigest.Tests.Infrastructure;

/// <summary>The third-party files vendored under <c>Corpus/real</c> are each named in <c>Corpus/NOTICE.md</c>, and every file named there has an open licence.</summary>
public sealed partial class CorpusNoticeTests
{
    [Fact]
    public void Notice_NamesEveryVendoredFileWithRepositoryCommitAndAnOpenLicence()
    {
        var notice = File.ReadAllText(Path.Combine(SharedFiles.VendoredCorpus, "..", "NOTICE.md"));
        var rows = Row().Matches(notice).ToDictionary(m => m.Groups["file"].Value, m => m.Groups["licence"].Value.Trim(), StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(SharedFiles.VendoredCorpus).Select(Path.GetFileName).ToList();

        files.Should().NotBeEmpty();
        rows.Keys.Should().Contain(files, "every vendored file needs its source and licence in NOTICE.md");
        rows.Values.Should().OnlyContain(l => l == "MIT" || l == "Apache-2.0" || l.StartsWith("BSD", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_IsInTheRepository()
        => File.Exists(SharedFiles.SeedPath).Should().BeTrue("the reference digest is the project's own test data");

    [GeneratedRegex(@"^\| `(?<file>[^`]+)` \| \[[^\]]+\]\(https://github\.com/[^)]+\) \| `[^`]+` \| `[0-9a-f]{40}` \| (?<licence>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
