using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Layouts;

/// <summary>
/// Small self-written examples of every layout (tests/PaperDigest.Tests/Specs/layouts/NAME.md): auto-detection picks the
/// layout named by the file, and the entries' fields are read as written. These run without ../shared.
/// </summary>
public sealed class LayoutSpecTests
{
    public static TheoryData<string, int, int, int> Layouts => new()
    {
        { "heading-paper-page", 2, 2, 0 },
        { "heading-bilingual", 2, 2, 2 },
        { "bracket-number-link", 2, 2, 1 },
        { "numbered-link-fields", 2, 2, 0 },
        { "translated-heading-fields", 2, 1, 2 },
        { "translated-heading-list", 2, 2, 0 },
        { "bold-title-list", 2, 1, 0 },
        { "link-paragraph", 3, 1, 0 },
        { "bullet-line", 3, 3, 0 },
        { "table-row", 3, 3, 0 },
        { "details-summary", 2, 2, 0 },
        { "link-index", 2, 0, 2 },
    };

    [Fact]
    public void DigestLayouts_All_HasCanonicalLayoutFirstAndUniqueKebabNames()
    {
        DigestLayouts.All[0].Name.Should().Be("heading-link");
        DigestLayouts.All.Select(l => l.Name).Should().OnlyHaveUniqueItems().And.OnlyContain(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^[a-z]+(-[a-z]+)*$"));
        DigestLayouts.All.Select(l => l.Name).Should().Contain(Layouts.Select(row => row.Data.Item1));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Parse_SpecExample_DetectsLayoutAndReadsEntries(string layout, int entries, int withArxiv, int withBothTitles)
    {
        var doc = Parse(layout);

        doc.Layout.Should().Be(layout);
        doc.Entries.Should().HaveCount(entries);
        doc.Entries.Count(e => e.ArxivId is not null).Should().Be(withArxiv);
        doc.Entries.Count(e => e.Title.Length > 0 && e.TranslatedTitle.Length > 0).Should().Be(withBothTitles);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Parse_SpecExampleForcedToCanonicalLayout_DoesNotThrow(string layout, int entries, int withArxiv, int withBothTitles)
    {
        _ = (entries, withArxiv, withBothTitles);
        var parser = new DigestParser(new DigestParserOptions { Layout = "heading-link" });

        var doc = parser.Parse(File.ReadAllText(PathOf(layout)), layout);

        doc.Layout.Should().Be("heading-link");
    }

    [Fact]
    public void Parse_UnrecognisedFile_GivesOneClearDiagnostic()
    {
        var doc = Parse("unrecognised");

        doc.Entries.Should().BeEmpty();
        doc.Layout.Should().Be(DigestParser.UnrecognisedLayoutName);
        doc.Diagnostics.Should().ContainSingle().Which.Id.Should().Be(DiagnosticIds.UnrecognisedLayout);
    }

    [Fact]
    public void Parse_HeaderOnlyDigest_IsAnEmptyDigestWithOneWarning()
    {
        var doc = Parse("header-only");

        doc.Entries.Should().BeEmpty();
        doc.Layout.Should().Be(PaperDigest.Parsing.Layouts.HeadingLinkLayout.LayoutName);
        doc.Preamble.Should().Be("# 2025-02-01 论文速递\n\n今天没有新论文。");
        var d = doc.Diagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be(DiagnosticIds.NoEntries);
        d.Severity.Should().Be(DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Parse_HeadingBilingual_SplitsAtTheSlashBeforeTheTranslation()
    {
        var doc = Parse("heading-bilingual");

        doc.Entries[0].Title.Should().Be("Walking Teapots: Legged Tea Service");
        doc.Entries[0].TranslatedTitle.Should().Be("行走的茶壶：有腿的茶服务");
        doc.Entries[0].ArxivId.Should().Be(ArxivId.Create("2503.01111", 2));
        doc.Entries[0].Abstract.Should().Be("We teach a teapot to walk. Code at https://github. com/example/teapot.\n\n我们教茶壶走路。");
        doc.Entries[0].Links.Should().Contain(l => l.Url == "https://github.com/example/teapot" && l.Repaired);
        doc.Entries[1].Title.Should().Be("Input / Output Robots for Everyone");
        doc.Entries[1].TranslatedTitle.Should().Be("人人可用的输入输出机器人");
        doc.Diagnostics.Should().ContainSingle(d => d.Id == DiagnosticIds.RepairedUrl);
    }

    [Fact]
    public void Parse_BracketNumberLink_ReadsQuotedTranslationAndAbstractLabel()
    {
        var doc = Parse("bracket-number-link");

        doc.Entries[0].Title.Should().Be("Counting Sheep with Transformers");
        doc.Entries[0].TranslatedTitle.Should().Be("用 Transformer 数羊");
        doc.Entries[0].Abstract.Should().Be("We count sheep\nwith a transformer and fall asleep faster.");
        doc.Entries[1].Abstract.Should().Be("Second abstract, see https: //github.com/example/second.");
    }

    [Fact]
    public void Parse_NumberedLinkFields_ReadsQuotedAbstractWithoutFontLabels()
    {
        var doc = Parse("numbered-link-fields");

        doc.Entries[0].Title.Should().Be("Locks That Learn");
        doc.Entries[0].Url.Should().Be("https://arxiv.org/abs/2502.00011");
        doc.Entries[0].Abstract.Should().Be("Locks can learn who opens them.");
    }

    [Fact]
    public void Parse_TranslatedHeadingFields_JoinsWrappedTitleAndReportsEmptyLink()
    {
        var doc = Parse("translated-heading-fields");

        doc.Entries[0].Title.Should().Be("Flying Libraries: A Book Retrieval Method for Very Large Collections");
        doc.Entries[0].TranslatedTitle.Should().Be("会飞的图书馆：一种书籍检索方法");
        doc.Entries[0].Abstract.Should().Be("我们提出会飞的图书馆。");
        doc.Entries[1].ArxivId.Should().BeNull();
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.TitleWrapped).And.Contain(d => d.Id == DiagnosticIds.EmptyLink);
    }

    [Fact]
    public void Parse_TranslatedHeadingList_ReadsFullWidthColonField()
    {
        var doc = Parse("translated-heading-list");

        doc.Entries[0].TranslatedTitle.Should().Be("海豚的语言模型");
        doc.Entries[0].ArxivId.Should().Be(ArxivId.Create("2505.04444", 1));
        doc.Entries[0].Abstract.Should().Be("我们为海豚训练语言模型。");
        doc.Entries[1].Url.Should().Be("https://arxiv.org/abs/2505.05555");
    }

    [Fact]
    public void Parse_BoldTitleList_KeepsNonArxivPaperUrl()
    {
        var doc = Parse("bold-title-list");

        doc.Entries[1].Title.Should().Be("Journal Only Paper");
        doc.Entries[1].ArxivId.Should().BeNull();
        doc.Entries[1].Url.Should().Be("https://openreview.net/forum?id=abc123");
        doc.Entries[0].Links.Should().Contain(l => l.Kind == LinkKind.GitHubRepository && l.Repo == "needles");
    }

    [Fact]
    public void Parse_LinkParagraph_ReportsEmptyLinkAndPlaceholder()
    {
        var doc = Parse("link-paragraph");

        doc.Entries[0].Abstract.Should().Be("Agents rest between tasks.\nNaps improve reasoning.");
        doc.Entries[1].Url.Should().Be("https://example.org/blog/agents");
        doc.Entries[1].ArxivId.Should().BeNull();
        doc.Entries[2].Title.Should().Be("Untitled Link With No Target");
        doc.Diagnostics.Select(d => d.Id).Should().Contain([DiagnosticIds.EmptyLink, DiagnosticIds.TemplatePlaceholder]);
    }

    [Fact]
    public void Parse_BulletLine_ReportsSamePaperUnderTwoTopics()
    {
        var doc = Parse("bullet-line");

        doc.Entries[1].Title.Should().Be("Loop Closure for Cats");
        doc.Entries[1].ArxivId.Should().Be(ArxivId.Create("2412.09999", 2));
        doc.Diagnostics.Should().ContainSingle(d => d.Id == DiagnosticIds.DuplicateArxivIdInFile);
    }

    [Fact]
    public void Parse_BulletLine_FullWidthColonLabelsRightBeforeLinksChooseTheLinks()
    {
        // Full-width colons with the link right after them: the labels, not the order of the links, say which link is
        // the paper and which the code.
        const string text = "## SLAM\n\n"
            + "- 2024-12-30, **Mapping Fog with Lidar**, Ann Author et.al., see [2412.07777](https://arxiv.org/abs/2412.07777), "
            + "Paper：[2412.08888](https://arxiv.org/abs/2412.08888), 代码：[2412.06666](https://arxiv.org/abs/2412.06666)\n"
            + "- 2024-12-29, **Loop Closure for Cats**, Bo Cat et.al., Paper: [http://arxiv.org/abs/2412.09999v2](http://arxiv.org/abs/2412.09999v2)\n";
        var doc = new DigestParser(new DigestParserOptions { Layout = "bullet-line" }).Parse(text);

        doc.Entries.Should().HaveCount(2);
        doc.Entries[0].ArxivId.Should().Be(ArxivId.Create("2412.08888"));
        doc.Diagnostics.Should().ContainSingle(d => d.Id == DiagnosticIds.CodeLinkIsPaper)
            .Which.Message.Should().Contain("2412.06666");
        doc.Entries[1].ArxivId.Should().Be(ArxivId.Create("2412.09999", 2));
    }

    [Fact]
    public void Parse_TableRow_ReadsDetailsAbstractWithAngleSharp()
    {
        var doc = Parse("table-row");

        doc.Entries[0].Title.Should().Be("Forecasting Tides with Attention");
        doc.Entries[0].Abstract.Should().Be("We forecast tides.");
        doc.Entries[1].ArxivId.Should().Be(ArxivId.Create("2508.02020", 3));
        doc.Entries[2].Title.Should().Be("Bold Dates Are Not Titles");
        doc.Entries[2].ArxivId!.Value.Value.Should().Be("2211.07777");
    }

    [Fact]
    public void Parse_DetailsSummary_StripsNumberAndStars()
    {
        var doc = Parse("details-summary");

        doc.Entries[0].Title.Should().Be("Tiny Robots, Big Dreams");
        doc.Entries[0].Url.Should().Be("https://arxiv.org/abs/2509.01234");
        doc.Entries[0].Abstract.Should().Be("Tiny robots dream of big tasks...");
        doc.Entries[1].Url.Should().Be("https://huggingface.co/papers/2509.05678");
    }

    [Fact]
    public void Parse_LinkIndex_ReadsTargetsWithSpacesAsWritten()
    {
        var doc = Parse("link-index");

        doc.Entries[1].Title.Should().Be("Paths With Spaces, Commas & Parentheses (v2)");
        doc.Entries[1].TranslatedTitle.Should().Be("带空格的路径");
        doc.Entries[1].Url.Should().Be("2024年05月02日/Paths With Spaces, Commas & Parentheses (v2).md");
    }

    private static string PathOf(string layout) => Path.Combine(SharedFiles.RepoRoot, "tests", "PaperDigest.Tests", "Specs", "layouts", layout + ".md");

    private static DigestDocument Parse(string layout) => DigestParser.Default.Parse(File.ReadAllText(PathOf(layout)), layout + ".md");
}
