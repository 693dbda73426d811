using System.Diagnostics;
using System.Text;
using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

/// <summary>
/// Pathological inputs, generated here rather than committed: each must parse in bounded time, keep the entries around it
/// and, where Markdown structure had to be given up, say so with PD0013.
/// </summary>
public class LargeInputTests
{
    // Generous: the machine may be shared; a quadratic or exponential path would take minutes to hours, not seconds.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private const string Before = "## Before\n[之前](https://arxiv.org/abs/2502.01456)\n\n之前的摘要。\n\n";
    private const string After = "\n\n## After\n[之后](https://arxiv.org/abs/2502.03387)\n\n之后的摘要。\n";

    public static TheoryData<string> NestedCases() => ["quotes", "quotes-spaced", "list-indent", "list-inline", "ordered-inline", "brackets", "parens", "link-openers", "emphasis"];

    private static string Nested(string kind, int n) => kind switch
    {
        "quotes" => new string('>', n) + " 深层引用",
        "quotes-spaced" => string.Concat(Enumerable.Repeat("> ", n)) + "深层引用",
        "list-indent" => string.Join("\n", Enumerable.Range(0, n).Select(i => new string(' ', 2 * i) + "- 第" + i + "层")),
        "list-inline" => string.Concat(Enumerable.Repeat("- ", n)) + "深层列表",
        "ordered-inline" => string.Concat(Enumerable.Repeat("1. ", n)) + "深层列表",
        "brackets" => "摘要 " + new string('[', n) + " 文字",
        "parens" => "[链接](" + new string('(', n) + "https://example.com",
        "link-openers" => string.Concat(Enumerable.Repeat("[a](", n)) + "x",
        "emphasis" => new string('*', n) + "强调" + new string('_', n),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(NestedCases))]
    public void Parse_TenThousandNestingLevels_KeepsNeighboursInBoundedTime(string kind)
    {
        // Indented nesting costs n² characters, so that form uses 3,000 levels (9 M characters); the others use 10,000.
        var n = kind switch { "brackets" or "parens" => 100_000, "list-indent" => 3_000, _ => 10_000 };
        var text = Before + "## Deep\n[深层](https://arxiv.org/abs/2501.19393)\n\n" + Nested(kind, n) + After;

        var doc = ParseTimed(text);

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Deep", "After");
        doc.Entries[0].Abstract.Should().Be("之前的摘要。");
        doc.Entries[2].Abstract.Should().Be("之后的摘要。");
        if (kind is not ("link-openers" or "emphasis"))
        {
            doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.NestingTooDeep && d.Span.StartLine >= 9 && d.Severity == DiagnosticSeverity.Warning);
        }
    }

    [Fact]
    public void Parse_TenMegabyteSingleLine_KeepsEveryEntry()
    {
        var line = new StringBuilder(10 * 1024 * 1024);
        while (line.Length < 10 * 1024 * 1024)
        {
            line.Append("很长的一行 with words and a URL https://example.com/x ");
        }

        var text = Before + "## Long\n[长](https://arxiv.org/abs/2501.19393)\n\n" + line + After;

        var doc = ParseTimed(text);

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Long", "After");
        doc.Entries[1].Abstract.Length.Should().BeGreaterThan(10_000_000);
        doc.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Parse_HundredThousandOpenBracketsInTranslatedTitle_ReportsNestingAndKeepsNeighbours()
    {
        var text = Before + "## Brackets\n[" + new string('[', 100_000) + "](https://arxiv.org/abs/2501.19393)" + After;

        var doc = ParseTimed(text);

        doc.Entries.Select(e => e.Title).Should().Equal("Before", "Brackets", "After");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.NestingTooDeep);
    }

    private static DigestDocument ParseTimed(string text)
    {
        var sw = Stopwatch.StartNew();
        var doc = DigestParser.Default.Parse(Encoding.UTF8.GetBytes(text));
        sw.Stop();
        sw.Elapsed.Should().BeLessThan(Budget);
        return doc;
    }
}
