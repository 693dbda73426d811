using System.Text;
using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

/// <summary>
/// What the nesting guard neutralises before Markdig reads a file: the regions that would make Markdig give up or take
/// quadratic time (long emphasis lines, nested HTML, long runs of link reference definitions) are read as plain text with a
/// PD0013 warning, the entries around them are kept, and the text of a neutralised region is what was written.
/// Bounds are tested through what is reported, never through timing.
/// </summary>
public sealed class NestingGuardTests
{
    private const string Before = "## Before\n[之前](https://arxiv.org/abs/2502.01456)\n\n之前的摘要。\n\n";
    private const string After = "\n\n## After\n[之后](https://arxiv.org/abs/2502.03387)\n\n之后的摘要。\n";
    private const string DeepHead = "## Deep\n[深层](https://arxiv.org/abs/2501.19393)\n\n";

    private static DigestDocument Parse(string body) => DigestParser.Default.Parse(Encoding.UTF8.GetBytes(Before + DeepHead + body + After));

    private static IEnumerable<Diagnostic> Pd0013(DigestDocument doc) => doc.Diagnostics.Where(d => d.Id == DiagnosticIds.NestingTooDeep);

    [Fact]
    public void Parse_OneLongEmphasisLine_KeepsEveryEntryAndReadsTheLineAsText()
    {
        // Issue 14 item 3: 'a**' 20,000 times made Markdig give up on the whole file (0 entries, one PD0013 error).
        var line = string.Concat(Enumerable.Repeat("a**", 20_000));

        var doc = Parse("摘要开头。\n\n" + line);

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Deep", "After");
        doc.HasErrors.Should().BeFalse();
        Pd0013(doc).Should().ContainSingle().Which.Message.Should().Contain("emphasis markers");
        doc.Entries[1].Abstract.Should().Be("摘要开头。\n\n" + line);
        doc.Entries[2].Abstract.Should().Be("之后的摘要。");
    }

    [Fact]
    public void Parse_TableOfRealSizeWithBoldInEveryRow_IsNotNeutralised()
    {
        var table = "| 标题 | 链接 |\n|---|---|\n" + string.Concat(Enumerable.Range(0, 700).Select(i => $"| **Paper {i}** | [链接](https://arxiv.org/abs/2501.{i:D5}) |\n"));

        var doc = Parse("摘要。\n\n" + table);

        Pd0013(doc).Should().BeEmpty();
    }

    [Fact]
    public void Parse_HugeTableWithBoldInEveryRow_ReadsItsEmphasisAsTextAndKeepsNeighbours()
    {
        var table = "| 标题 | 链接 |\n|---|---|\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"| **Paper {i}** | y |\n"));

        var doc = Parse("摘要。\n\n" + table);

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Deep", "After");
        var warning = Pd0013(doc).Should().ContainSingle().Subject;
        warning.Span.StartLine.Should().Be(11, "the whole table is one block and its first line is line 11");
        doc.Entries[1].Abstract.Should().Contain("Paper 9999").And.NotContain("\u00A0");
    }

    [Theory]
    [InlineData(">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> quoted text (with parens) [and brackets]", "quoted text (with parens) [and brackets]")]
    [InlineData("- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - deep <b>list</b> `(p)` [b]", "deep <b>list</b> `(p)` [b]")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ text (with parens) and more", null)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", null)]
    public void Parse_NeutralisedLine_AbstractHoldsTheCharactersWritten(string line, string? text)
    {
        // Issue 14 item 4: the plain text showed no-break spaces for brackets, dropped parentheses, or was empty. The
        // leading container syntax (quote and list markers, indentation) is structure and stays out of the text.
        var doc = Parse("第一段。\n\n" + line + "\n\n最后一段。");

        Pd0013(doc).Should().ContainSingle();
        var entry = doc.Entries[1];
        entry.Abstract.Should().Be("第一段。\n\n" + (text ?? line) + "\n\n最后一段。");
        entry.AbstractMarkdown.Should().Be("第一段。\n\n" + line + "\n\n最后一段。");
    }

    [Fact]
    public void Parse_NeutralisedLineAsTheWholeAbstract_IsNotAnEmptyAbstract()
    {
        var line = new string('[', 70);

        var doc = Parse(line);

        doc.Entries[1].Abstract.Should().Be(line);
        doc.Diagnostics.Should().NotContain(d => d.Id == DiagnosticIds.EmptyAbstract);
    }

    [Theory]
    [InlineData("<details>")]
    [InlineData("<div>")]
    [InlineData("<details><summary>")]
    public void Parse_HtmlNestedTwentyThousandDeep_ReadsTheTagsAsTextAndKeepsNeighbours(string tag)
    {
        var doc = Parse(string.Concat(Enumerable.Repeat(tag, 20_000)));

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Deep", "After");
        Pd0013(doc).Should().ContainSingle().Which.Message.Should().Contain("HTML elements");
    }

    [Fact]
    public void Parse_HtmlBlockNestedLineByLine_NeutralisesTheWholeBlock()
    {
        var doc = Parse(string.Concat(Enumerable.Repeat("<div>\n", 10_000)));

        var warning = Pd0013(doc).Should().ContainSingle().Subject;
        warning.Span.StartLine.Should().Be(9, "the block's first line is HTML too and must stop being an HTML block");
        warning.Span.EndLine.Should().Be(9 + 9_999);
        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Deep", "After");
    }

    [Fact]
    public void Parse_HtmlOfOrdinaryDepth_IsNotNeutralised()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 50)) + "text<br><img src=\"x.png\"/><p>one<p>two" + string.Concat(Enumerable.Repeat("</div>", 50));

        var doc = Parse(string.Concat(Enumerable.Repeat(html + "\n", 20)));

        Pd0013(doc).Should().BeEmpty();
    }

    [Fact]
    public void Parse_TableLeavingADivOpenInEveryRow_IsNotNeutralised()
    {
        // The shape of a real monthly table (three <div>s opened per row, two closed), 300 rows.
        var table = "| Date | Paper | Links |\n| --- | --- | --- |\n" + string.Concat(Enumerable.Range(0, 300).Select(i =>
            $"| <span style='width: 42px;'>01-{i % 28 + 1:D2}</span> | **Paper {i}**<br><sub>机构</sub> | <div style='min-width:85px;'>[![arXiv](https://img.shields.io/badge/arXiv-x-red)](https://arxiv.org/abs/2401.{i:D5})</div><div style='min-width:85px;'><div style='min-width:85px;'>摘要</div> |\n"));

        var doc = Parse("摘要。\n\n" + table);

        Pd0013(doc).Should().BeEmpty();
    }

    [Theory]
    [InlineData(NestingGuard.MaxDefinitionRun, false)]
    [InlineData(NestingGuard.MaxDefinitionRun + 1, true)]
    [InlineData(100_000, true)]
    public void Parse_RunOfLinkReferenceDefinitions_IsBoundedWithAWarning(int count, bool bounded)
    {
        var defs = string.Concat(Enumerable.Range(0, count).Select(i => $"[r{i}]: https://example.org/{i}\n"));

        var doc = Parse("摘要。\n\n" + defs);

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Deep", "After");
        if (bounded)
        {
            var warning = Pd0013(doc).Should().ContainSingle().Subject;
            warning.Message.Should().Contain("link reference definitions");
            warning.Span.StartLine.Should().Be(11 + NestingGuard.MaxDefinitionRun);
            warning.Span.EndLine.Should().Be(10 + count);
        }
        else
        {
            Pd0013(doc).Should().BeEmpty();
        }
    }

    [Fact]
    public void Sanitize_UrlsOnAnEmphasisLine_KeepTheirUnderscores()
    {
        var line = "see https://example.org/_private_/x and " + string.Concat(Enumerable.Repeat("_a_ ", 6_000));
        var neutralised = new List<(int Start, int End)>();
        var kinds = new List<NeutralisedKind>();

        var safe = NestingGuard.Sanitize(line, neutralised, null, kinds);

        kinds.Should().Equal(NeutralisedKind.Emphasis);
        safe.Should().StartWith("see https://example.org/_private_/x and \u00A0a\u00A0 ");
    }
}
