using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

public class ConfigAndBaselineTests
{
    private const string Abstract = "这是一段足够长的中文摘要，用来说明论文的主要贡献和实验结果，长度超过四十个字符的最低要求。";

    [Fact]
    public void TryParse_ValidConfig_AppliesTopLevelRulesAndMatchingOverrides()
    {
        const string json = """
            {
              // comments are allowed
              "rules": { "PD0107": { "severity": "error", "options": { "minLength": 80 } }, "versioned-arxiv-link": "off" },
              "overrides": [ { "files": ["old/**"], "rules": { "short-abstract": "off", "PD0106": "warning" } } ],
            }
            """;
        ValidationConfig.TryParse(json, "/repo", null, out var config, out var errors).Should().BeTrue(string.Join("; ", errors));
        var rule = RuleCatalog.Find("PD0107")!;
        var versioned = RuleCatalog.Find("PD0106")!;
        var top = config!.SettingsFor("/repo/new/a.md");
        top.SeverityOf(rule, DiagnosticSeverity.Warning).Should().Be(DiagnosticSeverity.Error);
        top.OptionsOf(rule).GetInt32("minLength", 0).Should().Be(80);
        top.IsEnabled(versioned).Should().BeFalse();

        var old = config.SettingsFor("/repo/old/2023/a.md");
        old.IsEnabled(rule).Should().BeFalse();
        old.IsEnabled(versioned).Should().BeTrue();
        old.SeverityOf(versioned, DiagnosticSeverity.Info).Should().Be(DiagnosticSeverity.Warning);
    }

    [Fact]
    public void TryParse_BadConfig_ListsEveryProblem()
    {
        const string json = """{ "rules": { "PD9999": "off", "PD0107": { "options": { "minLength": -1, "nope": 1 } }, "PD0106": "loud" }, "overrides": [ { "rules": {} } ] }""";
        ValidationConfig.TryParse(json, "/repo", "cfg.json", out var config, out var errors).Should().BeFalse();
        config.Should().BeNull();
        errors.Should().HaveCount(5);
        errors.Should().Contain(e => e.Contains("unknown rule 'PD9999'")).And.Contain(e => e.Contains("minLength")).And.Contain(e => e.Contains("'nope'"))
            .And.Contain(e => e.Contains("'loud'")).And.Contain(e => e.Contains("overrides[0].files"));
    }

    [Fact]
    public void TryParse_UnknownTopLevelProperty_IsAnError()
    {
        ValidationConfig.TryParse("""{ "rulez": {} }""", "/repo", null, out _, out var errors).Should().BeFalse();
        errors.Should().ContainSingle().Which.Should().Contain("rulez");
    }

    [Fact]
    public void Resolver_FindsTheNearestConfigWalkingUp()
    {
        var root = Directory.CreateTempSubdirectory("pd-config-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "a", "b"));
            File.WriteAllText(Path.Combine(root, ValidationConfig.FileName), """{ "rules": { "PD0106": "off" } }""");
            File.WriteAllText(Path.Combine(root, "a", "b", "x.md"), "");
            var resolver = new ValidationConfigResolver();
            resolver.TryResolve(Path.Combine(root, "a", "b", "x.md"), out var config, out var errors).Should().BeTrue();
            errors.Should().BeEmpty();
            config.Path.Should().Be(Path.Combine(root, ValidationConfig.FileName));
            config.SettingsFor(Path.Combine(root, "a", "b", "x.md")).IsEnabled(RuleCatalog.Find("PD0106")!).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Baseline_MatchesByArxivIdAndRule_NotByLine()
    {
        var before = "## A\n[甲](https://arxiv.org/abs/2501.00001v2)\n\n" + Abstract + "\n";
        var report = DigestValidator.Default.Validate([DigestSource.Parse(DigestParser.Default, before, "a.md")]);
        report.Findings.Should().ContainSingle(f => f.Rule.Id == RuleIds.VersionedArxivLink);
        var baseline = Baseline.Create(report, p => p ?? "-");
        Baseline.TryParse(baseline.ToJson(), out var reloaded, out var error).Should().BeTrue(error);

        // The entry moves down (another entry before it, with the same problem) and the file gets a new name.
        var after = "## New\n[新](https://arxiv.org/abs/2501.00009v2)\n\n" + Abstract + "\n\n" + before;
        var later = DigestValidator.Default.Validate([DigestSource.Parse(DigestParser.Default, after, "renamed.md")]);
        var left = reloaded!.Filter(later, p => p ?? "-").Findings.ToList();
        left.Should().ContainSingle().Which.Diagnostic.ArxivId.Should().Be("2501.00009");
    }

    [Fact]
    public void EntryChanges_MatchesByArxivIdElseTitle()
    {
        var parser = DigestParser.Default;
        var old = parser.Parse("## A\n[甲](https://arxiv.org/abs/2501.00001)\n\n" + Abstract + "\n\n## No Link\n\n" + Abstract + "\n");
        var now = parser.Parse("## No Link\n\n" + Abstract + "\n\n## A\n[甲](https://arxiv.org/abs/2501.00001)\n\n" + Abstract + "改\n\n## B\n[乙](https://arxiv.org/abs/2501.00002)\n\n" + Abstract + "\n");
        var changed = EntryChanges.NewOrChanged(old, now);
        changed.Select(e => e.Title).Should().BeEquivalentTo("A", "B");
        EntryChanges.NewOrChanged(null, now).Should().HaveCount(3);
    }

    [Fact]
    public void FileKeys_ArePathsRelativeToTheBaselinesFolder_WithSlashes()
    {
        var root = Path.Combine(Path.GetTempPath(), "pd-keys");
        var keys = Baseline.FileKeys(Path.Combine(root, "ci", "baseline.json"));
        keys(Path.Combine(root, "ci", "a.md")).Should().Be("a.md");
        keys(Path.Combine(root, "archive", "2025", "b.md")).Should().Be("../archive/2025/b.md");
        keys("-").Should().Be("-");
        keys(null).Should().Be("-");
    }

    [Fact]
    public void TryResolveSettings_GivesEachFileItsNearestConfiguration_OrEveryError()
    {
        var root = Directory.CreateTempSubdirectory("pd-settings").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "old"));
            Directory.CreateDirectory(Path.Combine(root, "bad"));
            File.WriteAllText(Path.Combine(root, ValidationConfig.FileName), """{ "rules": { "PD0106": "off" } }""");
            File.WriteAllText(Path.Combine(root, "old", ValidationConfig.FileName), """{ "rules": { "PD0107": "off" } }""");
            File.WriteAllText(Path.Combine(root, "bad", ValidationConfig.FileName), """{ "rules": { "PD9999": "off" } }""");
            var (top, old) = (Path.Combine(root, "a.md"), Path.Combine(root, "old", "b.md"));
            var resolver = new ValidationConfigResolver();

            resolver.TryResolveSettings([top, old], out var settingsFor, out var errors).Should().BeTrue(string.Join("; ", errors));
            var versioned = RuleCatalog.Find(RuleIds.VersionedArxivLink)!;
            var shortAbstract = RuleCatalog.Find(RuleIds.ShortAbstract)!;
            settingsFor!(DigestSource.Parse(DigestParser.Default, "", top)).IsEnabled(versioned).Should().BeFalse();
            settingsFor(DigestSource.Parse(DigestParser.Default, "", old)).IsEnabled(shortAbstract).Should().BeFalse();
            settingsFor(DigestSource.Parse(DigestParser.Default, "", old)).IsEnabled(versioned).Should().BeTrue();
            settingsFor(DigestSource.Parse(DigestParser.Default, "", Path.Combine(root, "other.md"))).Should().BeSameAs(RuleSettings.Default);

            resolver.TryResolveSettings([top, Path.Combine(root, "bad", "c.md"), Path.Combine(root, "bad", "d.md")], out var none, out var problems).Should().BeFalse();
            none.Should().BeNull();
            problems.Should().ContainSingle().Which.Should().Contain("PD9999");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
