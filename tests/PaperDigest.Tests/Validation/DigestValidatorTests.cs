using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

public class DigestValidatorTests
{
    private const string Abstract = "这是一段足够长的中文摘要，用来说明论文的主要贡献和实验结果，长度超过四十个字符的最低要求。";

    private static DigestSource Source(string text, string path = "a.md") => DigestSource.Parse(DigestParser.Default, text, path);

    [Fact]
    public void Validate_Seed_ReportsNoErrors()
    {
        var source = DigestSource.Parse(DigestParser.Default, File.ReadAllBytes(SharedFiles.SeedPath), "seed.md");
        var file = DigestValidator.Default.Validate(source);
        file.Findings.Where(f => f.Diagnostic.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        file.Findings.Should().Contain(f => f.Rule.Id == RuleIds.PdfExtractionArtifact && f.Diagnostic.Span.StartLine == 1);
    }

    [Fact]
    public void Validate_Samples_ReportNoErrors()
    {
        var dir = Path.Combine(SharedFiles.RepoRoot, "samples", "archive");
        var sources = Directory.GetFiles(dir, "*.md").Order(StringComparer.Ordinal).Select(f => DigestSource.Parse(DigestParser.Default, File.ReadAllBytes(f), f)).ToList();
        var report = DigestValidator.Default.Validate(sources);
        report.Count(DiagnosticSeverity.Error).Should().Be(0);
    }

    [Fact]
    public void Validate_FixableFindings_AreGoneAfterTheirFixesAreApplied()
    {
        var text = "# 标题\n## Trailing   \n[带版本](https://arxiv.org/abs/2501.00106v3)\n\n" + Abstract + "\n\n\n### Level\n[级别](https://arxiv.org/abs/2501.00107)\n\n" + Abstract;
        var first = DigestValidator.Default.Validate(Source(text));
        first.Findings.Should().Contain(f => f.Rule.Id == RuleIds.VersionedArxivLink);
        first.Findings.Where(f => f.Rule.IsFixable).Should().OnlyContain(f => f.Fix.Count > 0);

        var fixedText = text;
        for (var pass = 0; pass < 3; pass++)
        {
            var report = DigestValidator.Default.Validate(Source(fixedText));
            fixedText = TextEdit.Apply(fixedText, report.Findings.SelectMany(f => f.Fix));
        }

        var after = DigestValidator.Default.Validate(Source(fixedText));
        after.Findings.Should().NotContain(f => f.Rule.IsFixable);
        fixedText.Should().Contain("https://arxiv.org/abs/2501.00106)").And.Contain("\n## Level\n").And.EndWith("\n");
        Source(fixedText).Document.Entries.Should().HaveCount(2);
    }

    [Fact]
    public void Validate_RuleTurnedOff_ReportsNothingForIt()
    {
        var settings = new RuleSettings(new Dictionary<string, RuleSetting> { [RuleIds.VersionedArxivLink] = new() { Enabled = false } });
        var file = DigestValidator.Default.Validate(Source("## T\n[标题](https://arxiv.org/abs/2501.00106v3)\n\n" + Abstract + "\n"), settings);
        file.Findings.Should().NotContain(f => f.Rule.Id == RuleIds.VersionedArxivLink);
    }

    [Fact]
    public void Validate_SeverityOverride_ChangesTheSeverityOfParserDiagnosticsToo()
    {
        var settings = new RuleSettings(new Dictionary<string, RuleSetting> { [DiagnosticIds.NotArxivLink] = new() { Severity = DiagnosticSeverity.Error } });
        var file = DigestValidator.Default.Validate(Source("## T\n[标题](https://example.com/p)\n\n" + Abstract + "\n"), settings);
        file.Findings.Should().ContainSingle(f => f.Rule.Id == DiagnosticIds.NotArxivLink).Which.Diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task ValidateAsync_AsyncArchiveRule_AddsDiagnosticsThroughTheSamePipeline()
    {
        var rule = new FakeOnlineRule();
        var validator = new DigestValidator(new DigestValidatorOptions { AsyncArchiveRules = [rule] });
        var text = "## T\n[标题](https://arxiv.org/abs/2501.00001)\n\n" + Abstract + "\n\n<!-- paperdigest-disable-next-line PD0900 -->\n## U\n[标题二](https://arxiv.org/abs/2501.00002)\n\n" + Abstract + "\n";
        var report = await validator.ValidateAsync([Source(text)], cancellationToken: TestContext.Current.CancellationToken);
        var online = report.Findings.Where(f => f.Rule.Id == "PD0900").ToList();
        online.Should().ContainSingle().Which.Diagnostic.ArxivId.Should().Be("2501.00001");
        validator.Rules.Should().Contain(rule.Descriptor);
    }

    [Fact]
    public void RuleCatalog_EveryRule_HasAStableShape()
    {
        RuleCatalog.All.Select(r => r.Id).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var r in RuleCatalog.All)
        {
            r.Id.Should().MatchRegex("^PD[0-9]{4}$");
            r.Name.Should().MatchRegex("^[a-z0-9]+(-[a-z0-9]+)*$");
            r.HelpUri.ToString().Should().EndWith($"docs/rules.md#{r.Id.ToLowerInvariant()}-{r.Name}");
            RuleCatalog.Find(r.Name).Should().BeSameAs(r);
        }

        var docs = File.ReadAllText(Path.Combine(SharedFiles.RepoRoot, "docs", "rules.md"));
        foreach (var r in RuleCatalog.All)
        {
            docs.Should().Contain($"## {r.Id} {r.Name}", "every rule has a section in docs/rules.md");
        }
    }

    [Fact]
    public void RuleCatalog_DescribesEveryIdentifierConstant_AndNothingElse()
    {
        // Each diagnostic is declared once: its identifier as a constant, everything else in the catalog.
        static string[] Constants(Type t) => [.. t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

        var constants = Constants(typeof(DiagnosticIds)).Concat(Constants(typeof(RuleIds))).ToList();
        constants.Should().OnlyHaveUniqueItems();
        constants.Should().BeEquivalentTo(RuleCatalog.All.Concat(RuleCatalog.Online).Select(r => r.Id));
        Constants(typeof(DiagnosticIds)).Should().BeEquivalentTo(RuleCatalog.All.Where(r => r.Category == RuleCategory.Parsing).Select(r => r.Id));
        RuleCatalog.Online.Should().OnlyContain(r => r.Category == RuleCategory.OnlineArxiv || r.Category == RuleCategory.OnlineGitHub);
        RuleCatalog.All.Should().OnlyContain(r => r.Category == RuleCategory.Parsing || r.Category == RuleCategory.Validation);
    }

    [Fact]
    public void RulesPage_SummaryTableAndSections_SayWhatTheCatalogSays()
    {
        // docs/rules.md is checked against the catalog: the summary table line by line, and each rule's section bullets.
        var lines = File.ReadAllLines(Path.Combine(SharedFiles.RepoRoot, "docs", "rules.md"));
        var rules = RuleCatalog.All.Concat(RuleCatalog.Online).ToList();
        var header = Array.IndexOf(lines, "| ID | Name | Default severity | Fixable |");
        header.Should().BeGreaterThan(0, "rules.md opens with the summary table");
        string[] expected =
        [
            "| ID | Name | Default severity | Fixable |",
            "|---|---|---|---|",
            .. rules.Select(r => $"| [{r.Id}]({r.HelpUri.Fragment}) | `{r.Name}`{(r.Category is RuleCategory.OnlineArxiv or RuleCategory.OnlineGitHub ? " (online)" : "")} | {Diagnostic.SeverityName(r.DefaultSeverity)} | {(r.IsFixable ? "yes" : "no")} |"),
        ];
        lines.Skip(header).Take(expected.Length).Should().Equal(expected);
        lines.ElementAtOrDefault(header + expected.Length).Should().BeNullOrWhiteSpace("the table lists every rule and nothing more");

        foreach (var r in rules)
        {
            var at = Array.IndexOf(lines, $"## {r.Id} {r.Name}");
            at.Should().BeGreaterThan(header, $"{r.Id} has a section in docs/rules.md");
            lines.Skip(at + 1).SkipWhile(string.IsNullOrWhiteSpace).Take(4).Should().Equal(
                [
                    $"- **Severity:** {Diagnostic.SeverityName(r.DefaultSeverity)}",
                    $"- **Fixable:** {(r.IsFixable ? "yes" : "no")}",
                    $"- **What:** {r.Description}",
                    $"- **Why:** {r.Rationale}",
                ],
                $"the section of {r.Id} says what the catalog says");
        }
    }

    [Fact]
    public void Suppressions_DisableWithoutRules_SilencesEveryRuleUntilEnable()
    {
        var text = "<!-- paperdigest-disable -->\n## T\n[Title](https://example.com/x)\n\n" + Abstract + "\n<!-- paperdigest-enable -->\n\n## U\n[Title two](https://example.com/y)\n\n" + Abstract + "\n";
        var file = DigestValidator.Default.Validate(Source(text));
        file.Findings.Where(f => f.Rule.Id == DiagnosticIds.NotArxivLink).Should().ContainSingle().Which.Diagnostic.Span.StartLine.Should().Be(9);
    }

    [Fact]
    public void TextEdit_Apply_SkipsOverlappingEdits()
        => TextEdit.Apply("abcdef", [new TextEdit(1, 3, "X"), new TextEdit(2, 4, "Y"), new TextEdit(6, 6, "!")]).Should().Be("aXdef!");

    private sealed class FakeOnlineRule : IAsyncArchiveRule
    {
        public RuleDescriptor Descriptor { get; } = new() { Id = "PD0900", Name = "fake-online", DefaultSeverity = DiagnosticSeverity.Warning, Description = "A test rule." };

        public async ValueTask AnalyzeAsync(ArchiveRuleContext context, CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var s in context.Sources)
            {
                foreach (var e in s.Document.Entries)
                {
                    context.Report(s, e.LinkSpan, "Looked up online.", e.ArxivId?.Value);
                }
            }
        }
    }
}
