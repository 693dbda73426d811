using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Layouts;

/// <summary>
/// Layouts declared in <c>.paperdigest.json</c> (issue 12, item 5): the worked example of docs/format.md (under
/// samples/declared-layout) reads with every field exact, a configuration's <c>layout</c> applies to the files under it,
/// and every mistake in a definition is a configuration error that names its JSON path.
/// </summary>
public sealed class DeclaredLayoutTests
{
    private static readonly string Example = Path.Combine(SharedFiles.RepoRoot, "samples", "declared-layout");

    private static readonly (string Title, string Translated, string Url, string Abstract, string[] Links)[] Expected =
    [
        ("Efficient Attention for Long Documents", "Perhatian Efisien untuk Dokumen Panjang", "https://arxiv.org/abs/2411.00001",
            "Kami mengusulkan mekanisme perhatian baru yang menurunkan biaya memori untuk dokumen panjang menjadi linear.",
            ["https://arxiv.org/abs/2411.00001", "https://github.com/example/long-attn"]),
        ("Self-Correcting Agents with Learned Verifiers", "Agen yang Mengoreksi Diri dengan Verifier", "https://arxiv.org/abs/2411.00002",
            "Agen yang menemukan dan memperbaiki kesalahannya sendiri dengan bantuan verifier terlatih.\n\nHasilnya lebih baik pada tiga tolok ukur penalaran.",
            ["https://arxiv.org/abs/2411.00002"]),
    ];

    private static ValidationConfig ExampleConfig()
    {
        ValidationConfig.TryLoad(Path.Combine(Example, ".paperdigest.json"), out var config, out var errors).Should().BeTrue(string.Join("\n", errors));
        return config!;
    }

    private static void ShouldMatchExample(DigestDocument doc)
    {
        doc.Layout.Should().Be("rangkuman-mingguan");
        doc.Entries.Select(e => (e.Title, e.TranslatedTitle, e.Url, e.Abstract, Links: string.Join(" ", e.Links.Select(l => l.Url))))
            .Should().Equal(Expected.Select(x => (x.Title, x.Translated, x.Url, x.Abstract, string.Join(" ", x.Links))));
        doc.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).Should().BeEmpty();
    }

    [Fact]
    public void WorkedExample_ByName_ReadsEveryFieldExactly()
    {
        ExampleConfig().TryGetParserOptions("rangkuman-mingguan", out var options, out var error).Should().BeTrue(error);
        var doc = new DigestParser(options).Parse(File.ReadAllText(Path.Combine(Example, "2024-11-week-48.md")), "week-48.md");
        ShouldMatchExample(doc);
    }

    [Fact]
    public void WorkedExample_ConfigurationLayout_AppliesToFilesUnderIt()
    {
        // ReadConfiguration: the nearest .paperdigest.json names the layout, so 'auto' reads with it.
        var doc = new DigestParser(new DigestParserOptions { ReadConfiguration = true }).ParseFile(Path.Combine(Example, "2024-11-week-48.md"));
        ShouldMatchExample(doc);
    }

    [Fact]
    public void WorkedExample_WithoutTheDeclaration_IsMisread()
    {
        // What the declaration is for: the translated title is in Latin script, so no generic evidence tells the titles apart.
        var doc = DigestParser.Default.Parse(File.ReadAllText(Path.Combine(Example, "2024-11-week-48.md")));
        doc.Entries.Select(e => e.Title).Should().NotEqual(Expected.Select(x => x.Title));
    }

    [Fact]
    public void BuiltInLayoutByName_WinsOverTheConfigurationLayout()
    {
        var doc = new DigestParser(new DigestParserOptions { ReadConfiguration = true, Layout = "generic" }).ParseFile(Path.Combine(Example, "2024-11-week-48.md"));
        doc.Layout.Should().Be("generic");
    }

    [Fact]
    public void UnknownLayout_WithConfiguration_IsOneUnrecognisedLayoutError()
    {
        var doc = new DigestParser(new DigestParserOptions { ReadConfiguration = true, Layout = "rangkuman-harian" }).ParseFile(Path.Combine(Example, "2024-11-week-48.md"));
        doc.Entries.Should().BeEmpty();
        doc.Diagnostics.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Id == DiagnosticIds.UnrecognisedLayout && d.Severity == DiagnosticSeverity.Error
            && d.Message.Contains("Unknown layout 'rangkuman-harian'", StringComparison.Ordinal) && d.Message.Contains("rangkuman-mingguan", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownLayout_WithoutConfiguration_StillThrows()
    {
        var act = () => new DigestParser(new DigestParserOptions { Layout = "rangkuman-mingguan" });
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown layout 'rangkuman-mingguan'*");
    }

    [Fact]
    public void LabelledLinesInOneParagraph_EndAtTheNextLabel_WrappedLinesJoin()
    {
        const string json = """{ "layouts": { "kr": { "headingLevel": 4, "title": "^\\d+\\)\\s*(?<zh>.+)$", "fields": { "title": ["원제"], "paperLink": ["링크"], "ignore": ["저자"] }, "abstract": "rest" } } }""";
        ValidationConfig.TryParse(json, "", null, out var config, out var errors).Should().BeTrue(string.Join("\n", errors));
        config!.TryGetParserOptions("kr", out var options, out _).Should().BeTrue();
        var doc = new DigestParser(options).Parse("#### 1) 효율적인 어텐션\n원제: Efficient Attention:\n  Code and Theory\n- 저자: Kim\n링크: https://arxiv.org/abs/2411.00001\n\n요약 문장입니다.\n");
        var e = doc.Entries.Should().ContainSingle().Subject;
        e.Title.Should().Be("Efficient Attention: Code and Theory");
        e.TranslatedTitle.Should().Be("효율적인 어텐션");
        e.Url.Should().Be("https://arxiv.org/abs/2411.00001");
        e.Abstract.Should().Be("요약 문장입니다.");
    }

    [Theory]
    [InlineData("""{ "layouts": { "x": { "headingLevel": 9 } } }""", "layouts.x.headingLevel: must be a whole number from 1 to 6.")]
    [InlineData("""{ "layouts": { "x": { "title": "(" } } }""", "layouts.x.title: not a valid regular expression")]
    [InlineData("""{ "layouts": { "x": { "title": "^(.+)$" } } }""", "layouts.x.title: the pattern names no group")]
    [InlineData("""{ "layouts": { "x": { "fields": { "paper": ["Paper"] } } } }""", "layouts.x.fields.paper: unknown field; known: title, translatedTitle, paperLink, codeLink, abstract, ignore.")]
    [InlineData("""{ "layouts": { "x": { "fields": { "paperLink": [] } } } }""", "layouts.x.fields.paperLink: must be a non-empty array of label words")]
    [InlineData("""{ "layouts": { "x": { "fields": { "paperLink": "Paper" } } } }""", "layouts.x.fields.paperLink: must be a non-empty array of label words")]
    [InlineData("""{ "layouts": { "x": { "heading": 2 } } }""", "layouts.x.heading: unknown key")]
    [InlineData("""{ "layouts": { "x": { "entry": "paragraph" } } }""", "layouts.x.entry: 'paragraph' is not an entry unit")]
    [InlineData("""{ "layouts": { "x": { "entry": "bold-line", "headingLevel": 3 } } }""", "layouts.x.headingLevel: only applies to \"entry\": \"heading\".")]
    [InlineData("""{ "layouts": { "x": { "abstract": "field" } } }""", "layouts.x.abstract: \"field\" needs fields.abstract")]
    [InlineData("""{ "layouts": { "x": { "abstract": "below" } } }""", "layouts.x.abstract: 'below' is not an abstract source")]
    [InlineData("""{ "layouts": { "x": { "titleLinkIsPaper": "yes" } } }""", "layouts.x.titleLinkIsPaper: must be true or false.")]
    [InlineData("""{ "layouts": { "Lab Weekly": { } } }""", "layouts.Lab Weekly: a layout name is lower-case letters, digits and '-'")]
    [InlineData("""{ "layouts": { "table-row": { } } }""", "layouts.table-row: 'table-row' is the name of a built-in layout")]
    [InlineData("""{ "layouts": { "x": 3 } }""", "layouts.x: must be an object")]
    [InlineData("""{ "layouts": [] }""", "layouts must be an object whose keys are layout names.")]
    [InlineData("""{ "layout": "lab-weekly" }""", "layout: 'lab-weekly' is neither a built-in layout")]
    public void BadDefinition_IsAConfigurationErrorNamingItsPath(string json, string expected)
    {
        ValidationConfig.TryParse(json, "", "cfg.json", out var config, out var errors).Should().BeFalse();
        config.Should().BeNull();
        errors.Should().Contain(e => e.StartsWith("cfg.json: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Fact]
    public void LayoutNamingADeclaredLayoutWithErrors_ReportsTheDefinitionOnly()
    {
        ValidationConfig.TryParse("""{ "layout": "x", "layouts": { "x": { "headingLevel": 0 } } }""", "", "cfg.json", out _, out var errors).Should().BeFalse();
        errors.Should().ContainSingle().Which.Should().Contain("layouts.x.headingLevel");
    }

    [Fact]
    public void MinimalDefinition_DefaultsToNumberedHeadingTitles()
    {
        ValidationConfig.TryParse("""{ "layouts": { "x": { "fields": { "paperLink": ["Paper"], "abstract": ["Abstract"] } } } }""", "", null, out var config, out var errors).Should().BeTrue(string.Join("\n", errors));
        config!.TryGetParserOptions("x", out var options, out _).Should().BeTrue();
        var doc = new DigestParser(options).Parse("## 12. A Title\n- Paper: https://arxiv.org/abs/2411.00003\n- Abstract: What it does.\n");
        var e = doc.Entries.Should().ContainSingle().Subject;
        (e.Title, e.Url, e.Abstract).Should().Be(("A Title", "https://arxiv.org/abs/2411.00003", "What it does."));
    }
}
