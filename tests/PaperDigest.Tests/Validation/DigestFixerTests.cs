using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

public class DigestFixerTests
{
    private const string Abstract = "这是一段足够长的中文摘要，用来说明论文的主要贡献和实验结果，长度超过四十个字符的最低要求。";

    private static string Entry(string url) => $"## A Paper Title\n[一个论文标题]({url})\n\n{Abstract}\n";

    [Fact]
    public async Task FixAsync_VersionedLink_WritesTheFixOnceAndReportsTheFixedText()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = DigestSource.Parse(DigestParser.Default, Entry("https://arxiv.org/abs/2501.00001v2"), "a.md");
        var report = DigestValidator.Default.Validate([source]);
        report.Findings.Should().Contain(f => f.Rule.Id == RuleIds.VersionedArxivLink);
        var written = new List<FixedFile>();

        var fixedReport = await DigestFixer.FixAsync(report, (f, _) => { written.Add(f); return ValueTask.FromResult(true); }, cancellationToken: ct);

        written.Should().ContainSingle().Which.Should().Match<FixedFile>(f => f.Path == "a.md" && f.Pass == 0 && f.Text == Entry("https://arxiv.org/abs/2501.00001"));
        fixedReport.Files.Single().Source.Text.Should().Be(Entry("https://arxiv.org/abs/2501.00001"));
        fixedReport.Findings.Should().NotContain(f => f.Rule.Id == RuleIds.VersionedArxivLink);
    }

    [Fact]
    public async Task FixAsync_WriteFails_KeepsTheOldTextAndItsFindings()
    {
        var source = DigestSource.Parse(DigestParser.Default, Entry("https://arxiv.org/abs/2501.00001v2"), "a.md");
        var report = DigestValidator.Default.Validate([source]);
        var attempts = 0;

        var after = await DigestFixer.FixAsync(report, (_, _) => { attempts++; return ValueTask.FromResult(false); }, cancellationToken: TestContext.Current.CancellationToken);

        attempts.Should().Be(1);
        after.Files.Single().Source.Should().BeSameAs(source);
        after.Findings.Should().Contain(f => f.Rule.Id == RuleIds.VersionedArxivLink);
    }

    [Fact]
    public async Task FixAsync_FixableNarrowsToNothing_WritesNothing_AndNullStops()
    {
        var report = DigestValidator.Default.Validate([DigestSource.Parse(DigestParser.Default, Entry("https://arxiv.org/abs/2501.00001v2"), "a.md")]);
        var writes = 0;
        ValueTask<bool> Write(FixedFile f, CancellationToken ct) { writes++; return ValueTask.FromResult(true); }

        var none = await DigestFixer.FixAsync(report, Write, new DigestFixOptions { Fixable = (r, _) => ValueTask.FromResult<ValidationReport?>(r.Where((_, _) => false)) }, TestContext.Current.CancellationToken);
        var stopped = await DigestFixer.FixAsync(report, Write, new DigestFixOptions { Fixable = (_, _) => ValueTask.FromResult<ValidationReport?>(null) }, TestContext.Current.CancellationToken);

        writes.Should().Be(0);
        none.Should().BeSameAs(report);
        stopped.Should().BeSameAs(report);
    }

    [Fact]
    public async Task FixAsync_StandardInput_IsNotFixed()
    {
        var report = DigestValidator.Default.Validate([DigestSource.Parse(DigestParser.Default, Entry("https://arxiv.org/abs/2501.00001v2"), "-")]);
        var writes = 0;

        await DigestFixer.FixAsync(report, (_, _) => { writes++; return ValueTask.FromResult(true); }, cancellationToken: TestContext.Current.CancellationToken);

        writes.Should().Be(0);
    }
}
