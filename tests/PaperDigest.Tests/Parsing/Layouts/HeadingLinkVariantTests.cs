using PaperDigest.Parsing;
using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Tests.Layouts;

/// <summary>
/// Variants of the canonical layout: entries at the heading level the document uses, not only at <c>##</c>, and
/// date headings that are no entries.
/// </summary>
public sealed class HeadingLinkVariantTests
{
    private static string Entry(string hashes, string title, string id) => $"{hashes} {title}\n[译名 {title}](https://arxiv.org/abs/{id})\n\n摘要 {title}。\n\n";

    private static int LevelOf(string text) => HeadingLinkLayout.Instance.LevelOf(DigestParser.ParseMarkdown(text));

    [Theory]
    [InlineData("##", 2)]
    [InlineData("###", 3)]
    [InlineData("####", 4)]
    [InlineData("######", 6)]
    public void LevelOf_EntriesAtOneLevel_IsThatLevel(string hashes, int level)
        => LevelOf("# 2025-02-04\n\n" + Entry(hashes, "A", "2501.00001") + Entry(hashes, "B", "2501.00002")).Should().Be(level);

    [Fact]
    public void LevelOf_LevelOneEntries_StaysAtTheDefault()
        => LevelOf(Entry("#", "A", "2501.00001") + Entry("#", "B", "2501.00002")).Should().Be(HeadingLinkLayout.DefaultEntryHeadingLevel);

    [Fact]
    public void LevelOf_OneDeeperPairAmongLevelTwoHeadings_StaysAtTwo()
        => LevelOf("## Broken\n\nno link\n\n## Also broken\n\ntext\n\n" + Entry("###", "A", "2501.00001")).Should().Be(2);

    [Fact]
    public void LevelOf_SingleDeeperEntryWithoutLevelTwoHeadings_IsThatLevel()
        => LevelOf("# 2025-02-04\n\n" + Entry("###", "A", "2501.00001")).Should().Be(3);

    [Fact]
    public void LevelOf_DateHeadingsOverLinkParagraphs_AreNoEntries()
        => LevelOf("#### 31st of December 2024\n\n[One](https://arxiv.org/abs/2501.00001)\n\n- x\n\n#### 30th of December 2024\n\n[Two](https://arxiv.org/abs/2501.00002)\n\n- y\n")
            .Should().Be(2);

    [Fact]
    public void LevelOf_FewerPairsThanLinkParagraphs_StaysAtTwo()
        => LevelOf("#### Day one\n\n[One](https://arxiv.org/abs/2501.00001)\n\n[Two](https://arxiv.org/abs/2501.00002)\n\n[Three](https://arxiv.org/abs/2501.00003)\n\n"
            + "#### Day two\n\n[Four](https://arxiv.org/abs/2501.00004)\n\n[Five](https://arxiv.org/abs/2501.00005)\n").Should().Be(2);

    [Fact]
    public void LevelOf_FixedLevel_IsKept()
        => new HeadingLinkLayout { EntryHeadingLevel = 4 }.LevelOf(DigestParser.ParseMarkdown(Entry("###", "A", "2501.00001"))).Should().Be(4);

    [Fact]
    public void Parse_LevelThreeEntries_ReadsEveryEntryAndReportsSectionHeadings()
    {
        var doc = DigestParser.Default.Parse("# 2025-02-04\n\n## Vision\n\n" + Entry("###", "A", "2501.00001") + "## Language\n\n" + Entry("###", "B", "2501.00002") + Entry("###", "C", "2501.00003"));

        doc.Layout.Should().Be(HeadingLinkLayout.LayoutName);
        doc.Entries.Select(e => e.Title).Should().Equal("A", "B", "C");
        doc.Entries.Select(e => e.TranslatedTitle).Should().Equal("译名 A", "译名 B", "译名 C");
        doc.Entries[0].Abstract.Should().Be("摘要 A。");
        doc.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("Level-2 heading 'Language'");
    }

    [Theory]
    [InlineData("31st of December 2024", true)]
    [InlineData("2025-02-04", true)]
    [InlineData("Feb 4, 2025", true)]
    [InlineData("Tuesday, 4 February 2025", true)]
    [InlineData("2025年2月4日", true)]
    [InlineData("2025.02.04", true)]
    [InlineData("LIMO: Less is More for Reasoning", false)]
    [InlineData("Research papers: 2024", false)]
    [InlineData("大模型推理 2025", false)]
    [InlineData("December", false)]
    [InlineData("3D Gaussians of May", false)]
    [InlineData("", false)]
    public void LooksLikeDate_OnlyDatesAreDates(string text, bool expected)
        => HeadingLinkLayout.LooksLikeDate(text).Should().Be(expected);

    [Fact]
    public void Parse_OnePaperUnderASectionWithANavigationLine_IsALinkParagraphDigest()
    {
        // A day with a single paper: the section heading over a line of navigation links is not an entry of the canonical
        // layout (its link is no paper), the link paragraph over its summary list is.
        const string text = "# Autonomous agents\n\n## Research papers: 2024\n\n[2026 (5/5)](https://github.com/o/r/blob/main/README.md), [2026 (4/5)](https://github.com/o/r/blob/main/2026_4.md)\n\n"
            + "#### 31st of December 2024\n\n[Enhancing LLM Reasoning with Reward-guided Tree Search](https://arxiv.org/abs/2411.11694)\n\n- A reward-guided tree search framework.\n";
        var doc = DigestParser.Default.Parse(text);

        doc.Layout.Should().Be(LinkParagraphLayout.LayoutName);
        doc.Entries.Should().ContainSingle().Which.Title.Should().Be("Enhancing LLM Reasoning with Reward-guided Tree Search");
    }
}
