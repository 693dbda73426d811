using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

public class DigestValidationSessionTests
{
    private const string Abstract = "这是一段足够长的中文摘要，用来说明论文的主要贡献和实验结果，长度超过四十个字符的最低要求。";

    private static DigestSource Source(string text, string path) => DigestSource.Parse(DigestParser.Default, text, path);

    private static string Entry(string title, string id, string extra = "") => $"## {title}\n[{title} 标题](https://arxiv.org/abs/{id}v2)\n\n{Abstract}{extra}\n";

    private static DigestSource[] Archive() =>
    [
        Source(Entry("First Paper", "2501.00001") + "\n" + Entry("Shared Paper", "2501.00009") + "\n## No Link Title\n\n" + Abstract + "\n", "a.md"),
        Source(Entry("Shared Paper", "2501.00009") + "\n\n\n" + Entry("Short", "2501.00002", " test- time"), "b.md"),
        Source("<!-- paperdigest-disable-next-line PD0105 -->\n" + Entry("Shared Paper", "2501.00009") + "\n" + Entry("Shared Again", "2501.00001"), "c.md"),
        Source(Entry("Own Paper", "2501.00003") + "\n" + Entry("Own Paper Twice", "2501.00003"), "d.md"),
    ];

    private static IEnumerable<string> Lines(ValidationReport report, Func<string?, string> keys)
        => report.Files.SelectMany(f => f.Findings.Select(x => $"{f.Source.Path} {x.Diagnostic} {x.Rule} fix={x.Fix.Count} key={Baseline.KeyOf(f.Source, x.Diagnostic)}"))
            .Append(Baseline.Create(report, keys).ToJson());

    [Fact]
    public void Finish_DocumentsAddedInAnyOrder_GivesTheReportOfValidatingThemTogether()
    {
        var sources = Archive();
        var expected = DigestValidator.Default.Validate(sources);
        expected.Findings.Should().Contain(f => f.Rule.Id == RuleIds.DuplicateArxivId, "the archive has duplicates across files");
        expected.Findings.Should().Contain(f => f.Rule.Id == DiagnosticIds.DuplicateArxivIdInFile);

        var session = DigestValidator.Default.StartSession();
        Parallel.ForEach(new[] { 3, 1, 0, 2 }, i => session.Add(i, sources[i]));
        var streamed = session.Finish();

        streamed.Files.Select(f => f.Source.Path).Should().Equal("a.md", "b.md", "c.md", "d.md");
        streamed.Files.Should().OnlyContain(f => f.Source.IsOutline && f.Source.Text.Length == 0 && f.Source.Document.Entries.Count == 0);
        Lines(streamed, p => p ?? "-").Should().Equal(Lines(expected, p => p ?? "-"));
        streamed.Rules.Should().Equal(expected.Rules);
    }

    [Fact]
    public void Finish_WithConfiguration_TurnsTheDuplicateRuleOffPerFile()
    {
        var sources = Archive();
        var off = new RuleSettings(new Dictionary<string, RuleSetting> { [RuleIds.DuplicateArxivId] = new() { Enabled = false } });
        RuleSettings SettingsFor(DigestSource s) => s.Path == "b.md" ? off : RuleSettings.Default;
        var expected = DigestValidator.Default.Validate(sources, SettingsFor);

        var session = DigestValidator.Default.StartSession(SettingsFor);
        for (var i = 0; i < sources.Length; i++)
        {
            session.Add(i, sources[i]);
        }

        Lines(session.Finish(), p => p ?? "-").Should().Equal(Lines(expected, p => p ?? "-"));
    }

    [Fact]
    public void Session_WithAnArchiveRuleOfItsOwn_KeepsTheDocuments()
    {
        var validator = new DigestValidator(new DigestValidatorOptions { ArchiveRules = [new CountingRule()] });
        var sources = Archive();
        var session = validator.StartSession();
        for (var i = 0; i < sources.Length; i++)
        {
            session.Add(i, sources[i]);
        }

        var report = session.Finish();

        report.Files.Select(f => f.Source).Should().Equal(sources);
        report.Findings.Where(f => f.Rule.Id == "PD0901").Should().HaveCount(sources.Length);
    }

    [Theory]
    [InlineData("2501.00001")]
    [InlineData("1412.0001")]
    [InlineData("0704.0001")]
    [InlineData("hep-th/9901001")]
    public void Finish_KeepsEachFindingsArxivIdentifierAsItWas(string id)
    {
        // Findings keep new-style identifiers packed into numbers; the report gives back the same text.
        var sources = new[] { Source(Entry("A Paper", id, " test- time"), "a.md"), Source(Entry("A Paper", id), "b.md") };
        var expected = DigestValidator.Default.Validate(sources);
        var session = DigestValidator.Default.StartSession();
        session.Add(0, sources[0]);
        session.Add(1, sources[1]);

        var streamed = session.Finish();

        streamed.Findings.Select(f => (f.Rule.Id, f.Diagnostic.ArxivId)).Should().Equal(expected.Findings.Select(f => (f.Rule.Id, f.Diagnostic.ArxivId)));
        streamed.Findings.Should().Contain(f => f.Rule.Id == RuleIds.DuplicateArxivId && f.Diagnostic.ArxivId == expected.Findings.First(e => e.Rule.Id == RuleIds.DuplicateArxivId).Diagnostic.ArxivId);
    }

    [Fact]
    public void Add_SamePositionTwice_OrAfterFinish_Throws()
    {
        var session = DigestValidator.Default.StartSession();
        session.Add(0, Source(Entry("A Paper", "2501.00001"), "a.md"));
        FluentActions.Invoking(() => session.Add(0, Source(Entry("A Paper", "2501.00001"), "b.md"))).Should().Throw<ArgumentException>();
        session.Finish();
        FluentActions.Invoking(() => session.Add(1, Source(Entry("A Paper", "2501.00001"), "c.md"))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(session.Finish).Should().Throw<InvalidOperationException>();
    }

    private sealed class CountingRule : IArchiveRule
    {
        public RuleDescriptor Descriptor { get; } = new() { Id = "PD0901", Name = "counting", DefaultSeverity = DiagnosticSeverity.Info, Description = "Every file, with its entry count." };

        public void Analyze(ArchiveRuleContext context)
        {
            foreach (var s in context.Sources)
            {
                context.Report(s, SourceSpan.Empty, $"{s.Document.Entries.Count} entries.");
            }
        }
    }
}
