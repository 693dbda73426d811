using System.Text.Json;

namespace PaperDigest.Cli.Tests;

public class ValidateCommandTests
{
    private static string Clean(string id = "2501.00001", string title = "Clean Paper") => TempArchive.Entry(title, "干净的论文", $"https://arxiv.org/abs/{id}");

    [Fact]
    public async Task Validate_CleanFile_ExitsZeroWithSummary()
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", Clean());
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Be("0 errors, 0 warnings, 0 info in 1 file.\n");
    }

    [Fact]
    public async Task Validate_Error_ExitsOneWithPathLineColumnSeverityIdAndName()
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", Clean() + "\n" + TempArchive.Entry("Typo", "拼写", "https://arxiv.org/abs/2501.1"));
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(1);
        r.Output.Should().StartWith($"{file}:7:1: error PD0003/malformed-arxiv-id: 'https://arxiv.org/abs/2501.1' is an arXiv link with a malformed identifier.\n");
        r.Output.Should().EndWith("1 error, 0 warnings, 0 info in 1 file.\n");
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public async Task Validate_MaxWarnings_FailsOnlyBeyondTheLimit(int max, int expected)
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", TempArchive.Entry("Elsewhere", "别处", "https://example.com/p"));
        var r = await CliRunner.RunAsync(["validate", "--max-warnings", max.ToString(System.Globalization.CultureInfo.InvariantCulture), file]);
        r.ExitCode.Should().Be(expected, r.Output + r.Error);
    }

    [Fact]
    public async Task Validate_MissingInput_ExitsTwo()
    {
        var r = await CliRunner.RunAsync(["validate", "/nonexistent/dir/x.md"]);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("no such file or directory");
    }

    [Fact]
    public async Task Validate_BadConfig_ExitsTwoListingProblems()
    {
        using var a = new TempArchive();
        var file = a.Write("sub/a.md", Clean());
        a.Write(".paperdigest.json", """{ "rules": { "PD0999": "off", "PD0106": "loud" } }""");
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("unknown rule 'PD0999'").And.Contain("'loud'");
    }

    [Fact]
    public async Task Validate_ConfigFoundWalkingUp_TurnsRuleOffAndRaisesSeverity()
    {
        using var a = new TempArchive();
        var file = a.Write("sub/deeper/a.md", TempArchive.Entry("Versioned", "带版本", "https://arxiv.org/abs/2501.00001v2") + "\n" + TempArchive.Entry("Elsewhere", "别处", "https://example.com/p"));
        a.Write(".paperdigest.json", """{ "rules": { "versioned-arxiv-link": "off", "PD0002": "error" } }""");
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(1);
        r.Output.Should().NotContain("PD0106").And.Contain("error PD0002/not-arxiv-link");

        var other = a.Write("other.json", "{}");
        var withConfig = await CliRunner.RunAsync(["validate", "--config", other, file]);
        withConfig.Output.Should().Contain("info PD0106").And.Contain("warning PD0002");
    }

    [Fact]
    public async Task Validate_DuplicateAcrossFiles_NamesBothPlaces()
    {
        using var a = new TempArchive();
        var f1 = a.Write("a.md", Clean());
        var f2 = a.Write("b.md", Clean(title: "Again"));
        var r = await CliRunner.RunAsync(["validate", a.Root]);
        r.ExitCode.Should().Be(1);
        r.Output.Should().Contain($"{f1}:2:1: error PD0105/duplicate-arxiv-id: arXiv 2501.00001 is also listed at {f2}:2.")
            .And.Contain($"{f2}:2:1: error PD0105/duplicate-arxiv-id: arXiv 2501.00001 is also listed at {f1}:2.");
    }

    [Fact]
    public async Task Validate_GitHub_EscapesPropertiesAndData()
    {
        using var a = new TempArchive();
        a.Write("we,ird:name.md", TempArchive.Entry("Elsewhere", "别处", "https://example.com/100%"));
        var r = await CliRunner.RunAsync(["validate", "--format", "github", a.Root]);
        r.Output.Should().Contain("::warning file=we%2Cird%3Aname.md,line=2,col=1,endLine=2,endColumn=31,title=PD0002::not-arxiv-link: The paper link 'https://example.com/100%25' is not an arXiv link.\n");
        Output.GitHubReportWriter.EscapeData("a%b\r\nc").Should().Be("a%25b%0D%0Ac");
        Output.GitHubReportWriter.EscapeProperty("a:b,c%\n").Should().Be("a%3Ab%2Cc%25%0A");
    }

    [Fact]
    public async Task Validate_GitHub_ShowsTenPerLevelAndWritesTheFullTableToTheStepSummary()
    {
        using var a = new TempArchive();
        var text = string.Join("\n", Enumerable.Range(1, 12).Select(i => TempArchive.Entry($"Typo {i}", "拼|写", "https://arxiv.org/abs/2501.1")));
        a.Write("a.md", text);
        var summary = a.Path("summary.txt");
        File.WriteAllText(summary, "earlier step\n");
        var r = await CliRunner.RunAsync(["validate", "--format", "github", a.Root], environment: new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });
        r.ExitCode.Should().Be(1);
        var lines = r.Output.Split('\n');
        lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)).Should().Be(10);
        lines.Count(l => l.Contains(": error PD0003/malformed-arxiv-id:", StringComparison.Ordinal)).Should().Be(2);
        r.Output.Should().Contain("2 more error findings than GitHub shows as annotations");
        var table = File.ReadAllText(summary);
        table.Should().StartWith("earlier step\n## PaperDigest validation");
        table.Split('\n').Count(l => l.StartsWith("| error | [PD0003]", StringComparison.Ordinal)).Should().Be(12);
        table.Should().Contain("| a.md:7:1 |");
    }

    [Fact]
    public async Task Validate_Sarif_HasEveryRequiredFieldAndUtf16Columns()
    {
        using var a = new TempArchive();
        a.Write("dir/a b.md", TempArchive.Entry("Paper", "论文", "https://arxiv.org/abs/2501.00001", "中文𠀀摘要里的 self- attention 问题，" + TempArchive.Abstract));
        var r = await CliRunner.RunAsync(["validate", "--format", "sarif", a.Root]);
        r.ExitCode.Should().Be(0, r.Error);
        using var doc = JsonDocument.Parse(r.Output);
        var root = doc.RootElement;
        root.GetProperty("$schema").GetString().Should().Contain("sarif-2.1.0");
        root.GetProperty("version").GetString().Should().Be("2.1.0");
        var run = root.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().Should().Be("PaperDigest");
        driver.GetProperty("version").GetString().Should().NotBeNullOrEmpty();
        driver.GetProperty("informationUri").GetString().Should().StartWith("https://");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        rules.Should().HaveCount(Validation.RuleCatalog.All.Count);
        foreach (var rule in rules)
        {
            rule.GetProperty("id").GetString().Should().MatchRegex("^PD[0-9]{4}$");
            rule.GetProperty("name").GetString().Should().NotBeNullOrEmpty();
            rule.GetProperty("shortDescription").GetProperty("text").GetString().Should().NotBeNullOrEmpty();
            rule.GetProperty("fullDescription").GetProperty("text").GetString().Should().NotBeNullOrEmpty();
            rule.GetProperty("help").GetProperty("text").GetString().Should().NotBeNullOrEmpty();
            rule.GetProperty("helpUri").GetString().Should().Contain("docs/rules.md#");
        }

        var result = run.GetProperty("results").EnumerateArray().Single();
        result.GetProperty("ruleId").GetString().Should().Be("PD0108");
        result.GetProperty("level").GetString().Should().Be("note");
        result.GetProperty("message").GetProperty("text").GetString().Should().Contain("self- attention");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("dir/a%20b.md");
        var region = location.GetProperty("region");
        region.GetProperty("startLine").GetInt32().Should().Be(4);
        region.GetProperty("startColumn").GetInt32().Should().Be(10, "中文 (2) + U+20000 (2 UTF-16 units) + 摘要里的 (4) + a space");
        region.GetProperty("endLine").GetInt32().Should().Be(4);
        region.GetProperty("endColumn").GetInt32().Should().Be(25);
        result.GetProperty("partialFingerprints").EnumerateObject().Should().ContainSingle();
    }

    [Fact]
    public async Task Validate_Sarif_FingerprintsStayWhenLinesMove()
    {
        using var a = new TempArchive();
        var problem = TempArchive.Entry("Typo", "拼写", "https://arxiv.org/abs/2501.1");
        var file = a.Write("a.md", problem);
        var first = await CliRunner.RunAsync(["validate", "--format", "sarif", file]);
        a.Write("a.md", Clean() + "\n" + Clean("2501.00002", "Other") + "\n" + problem);
        var second = await CliRunner.RunAsync(["validate", "--format", "sarif", file]);
        static (int Line, string Print) Get(string sarif)
        {
            using var d = JsonDocument.Parse(sarif);
            var res = d.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == "PD0003");
            return (res.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(),
                res.GetProperty("partialFingerprints").EnumerateObject().Single().Value.GetString()!);
        }

        var (line1, print1) = Get(first.Output);
        var (line2, print2) = Get(second.Output);
        line2.Should().NotBe(line1);
        print2.Should().Be(print1);
    }

    [Fact]
    public async Task Validate_Json_ListsDiagnosticsWithSpans()
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", TempArchive.Entry("Typo", "拼写", "https://arxiv.org/abs/2501.1"));
        var r = await CliRunner.RunAsync(["validate", "--format", "json", file]);
        r.ExitCode.Should().Be(1);
        using var doc = JsonDocument.Parse(r.Output);
        doc.RootElement.GetProperty("summary").GetProperty("errors").GetInt32().Should().Be(1);
        var d = doc.RootElement.GetProperty("diagnostics")[0];
        d.GetProperty("ruleId").GetString().Should().Be("PD0003");
        d.GetProperty("ruleName").GetString().Should().Be("malformed-arxiv-id");
        d.GetProperty("path").GetString().Should().Be(file);
        var span = d.GetProperty("span");
        (span.GetProperty("startLine").GetInt32(), span.GetProperty("startColumn").GetInt32(), span.GetProperty("endLine").GetInt32(), span.GetProperty("endColumn").GetInt32())
            .Should().Be((2, 1, 2, 35));
    }

    [Fact]
    public async Task Validate_Baseline_SilencesRecordedProblemsButNotNewOnes()
    {
        using var a = new TempArchive();
        var old = TempArchive.Entry("Old Typo", "旧错误", "https://arxiv.org/abs/2501.00001v2") + "\n" + TempArchive.Entry("No Link", "", "https://example.com/x");
        var file = a.Write("a.md", old);
        var baseline = a.Path("baseline.json");
        var write = await CliRunner.RunAsync(["validate", "--write-baseline", baseline, file]);
        write.ExitCode.Should().Be(0, write.Output);
        File.ReadAllText(baseline).Should().Contain("\"key\": \"arxiv:2501.00001\"").And.Contain("\"file\": \"a.md\"");

        // Lines move (a new entry in front) and a new problem appears.
        a.Write("a.md", TempArchive.Entry("New", "新", "https://arxiv.org/abs/2501.1") + "\n" + old);
        var r = await CliRunner.RunAsync(["validate", "--baseline", baseline, file]);
        r.ExitCode.Should().Be(1);
        r.Output.Should().Contain("PD0003").And.NotContain("PD0106").And.NotContain("PD0002").And.NotContain("PD0005");
    }

    [Fact]
    public async Task Validate_Fix_AppliesSafeFixesInPlace()
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", "## Paper   \n[论文](https://arxiv.org/abs/2501.00001v2)\n\n\n" + TempArchive.Abstract);
        var r = await CliRunner.RunAsync(["validate", "--fix", file]);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Be("0 errors, 0 warnings, 0 info in 1 file.\n");
        File.ReadAllText(file).Should().Be(TempArchive.Entry("Paper", "论文", "https://arxiv.org/abs/2501.00001"));
        Directory.GetFiles(a.Root, "*.tmp").Should().BeEmpty();
    }

    [Theory]
    [InlineData("## Paper\n[2501.00001v2](https://arxiv.org/abs/2501.00001v2)\n\n{0}\n", "## Paper\n[2501.00001](https://arxiv.org/abs/2501.00001)\n\n{0}\n")]
    [InlineData("## Paper\n[https://arxiv.org/abs/2501.00001v2](https://arxiv.org/abs/2501.00001v2)\n\n{0}\n", "## Paper\n[https://arxiv.org/abs/2501.00001](https://arxiv.org/abs/2501.00001)\n\n{0}\n")]
    [InlineData("## Paper\n[论文 2501.00001v12](https://arxiv.org/abs/2501.00001v1)\n\n{0}\n", "## Paper\n[论文 2501.00001v12](https://arxiv.org/abs/2501.00001)\n\n{0}\n")]
    public async Task Validate_FixVersionedLink_KeepsTheLinkTextInAgreementWithItsTarget(string before, string after)
    {
        // Issue 13: the fix once left '[2607.01087v1]' pointing at the unversioned URL.
        using var a = new TempArchive();
        var file = a.Write("a.md", string.Format(System.Globalization.CultureInfo.InvariantCulture, before, TempArchive.Abstract));

        var r = await CliRunner.RunAsync(["validate", "--fix", file]);

        File.ReadAllText(file).Should().Be(string.Format(System.Globalization.CultureInfo.InvariantCulture, after, TempArchive.Abstract), r.Output);
    }

    [Fact]
    public async Task Validate_FixVersionedLinkInAnotherLayout_DropsTheVersionFromTextAndTarget()
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", "# Papers\n\n## 1. Walking Teapots: Legged Tea Service / 行走的茶壶：有腿的茶服务\n\n" +
            "**Date**: 2025-03-03 | **arXiv**: [2503.01111v2](http://arxiv.org/abs/2503.01111v2) | **PDF**: [Link](http://arxiv.org/pdf/2503.01111v2)\n\n" +
            "<details><summary><b>Abstract / 摘要</b></summary>\n\nWe teach a teapot to walk, and it walks well enough to serve tea to everyone at the table.\n\n</details>\n");

        var r = await CliRunner.RunAsync(["validate", "--fix", file]);

        var text = File.ReadAllText(file);
        text.Should().Contain("**arXiv**: [2503.01111](http://arxiv.org/abs/2503.01111)", r.Output + r.Error);
        System.Text.RegularExpressions.Regex.Matches(text, @"\[(\d{4}\.\d{5}(?:v\d+)?)\]\([^)]*?(\d{4}\.\d{5}(?:v\d+)?)\)")
            .Should().OnlyContain(m => m.Groups[1].Value == m.Groups[2].Value, "no link text may name another version than its target");
    }
}
