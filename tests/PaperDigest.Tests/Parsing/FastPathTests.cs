using Markdig.Syntax;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Parsing;

/// <summary>
/// The parser's shortcuts for the common case give exactly what the general code gives: every run of top-level blocks of
/// the seed, of every real file and of inputs written to defeat each shortcut is read both ways and compared.
/// </summary>
public sealed class FastPathTests
{
    /// <summary>How many compared ranges took the plain-text shortcut too.</summary>
    private int PlainVerbatim { get; set; }

    private const string Awkward =
        "# Title\r\n\r\nFirst paragraph  \r\nwith a hard break.\r\n\r\n\r\nSecond after two blank lines.\n\n" +
        "   Indented paragraph.\n\n```\ncode with trailing   \n```\n\n<div>html</div>\n\n- item one\n\n- item two \n\n" +
        "> quote\n>\n> more\n\nLast line with a tab\t\n\nplain\n  \ncontinued after a blank-ish line\n\n" +
        "An escaped \\*star\\* here.\n\nAn entity &amp; here.\n\nA line ending in an ideographic space\u3000\nand another.\n\n" +
        "*emphasis* and `code` and [a link](https://example.org).\n\nplain one\n\nplain two\nsecond line\n";

    [Fact]
    public void BlocksMarkdown_Seed_TakesTheVerbatimPathAndMatchesTheGeneralCode()
    {
        var verbatim = CompareAllRanges(File.ReadAllText(SharedFiles.SeedPath));

        verbatim.Should().BeGreaterThan(50, "the seed's abstracts are canonical already, so the shortcut should be taken");
        PlainVerbatim.Should().BeGreaterThan(20, "most of the seed's abstract paragraphs are plain text");
    }

    [Fact]
    public void BlocksMarkdown_AwkwardInput_FallsBackWhereTheSourceIsNotCanonical()
    {
        var verbatim = CompareAllRanges(Awkward);

        var context = Context(Awkward);
        var blocks = context.Markdown.ToList();
        var crlf = blocks.First(b => context.Text.AsSpan(b.Span.Start).StartsWith("First"));
        context.SourceMarkdown.TryVerbatimMarkdown([crlf]).Should().BeNull("a CRLF range must have its line endings rewritten");
        var code = blocks.OfType<FencedCodeBlock>().Single();
        context.SourceMarkdown.TryVerbatimMarkdown([code]).Should().BeNull("code keeps its trailing blanks");
        var indented = blocks.First(b => context.Text.AsSpan(b.Span.Start).StartsWith("Indented"));
        context.SourceMarkdown.TryVerbatimMarkdown([indented]).Should().BeNull("the general code keeps the indentation as written");
        verbatim.Should().BeGreaterThan(0, "the canonical parts of the input still take the shortcut");
    }

    [Fact]
    public void BlocksMarkdown_RealFiles_MatchTheGeneralCode()
    {
        foreach (var path in SharedFiles.RealFiles())
        {
            CompareAllRanges(File.ReadAllText(path), maxBlocks: 400);
        }
    }

    [Fact]
    public void Parse_NeutralisedLineInAbstract_TextComesFromTheTreeNotTheSource()
    {
        var text = "## A Title\n[标题](https://arxiv.org/abs/2401.00001)\n\n" + new string('>', 40) + " deep\n";

        var entry = DigestParser.Default.Parse(text).Entries.Single();

        entry.Abstract.Should().Be("deep", "the neutralised quote markers are structure, not text");
        entry.AbstractMarkdown.Should().Be(new string('>', 40) + " deep", "the Markdown keeps the source as written");
    }

    [Theory]
    [InlineData("")]
    [InlineData("one line")]
    [InlineData("a\nb\n")]
    [InlineData("a\r\nb\r\n\r\n")]
    [InlineData("a\rb\r")]
    [InlineData("\n\r\n\r\r\n\n")]
    [InlineData("mixed\r\nendings\nand\rmore\r\n\u2028not a break")]
    public void LineStarts_CollectedWhileSanitising_MatchTheLineIndex(string text)
    {
        var starts = new List<int>();
        NestingGuard.Sanitize(text, [], starts);

        var expected = new SourceText(text);
        var fused = new SourceText(text, starts);
        fused.LineCount.Should().Be(expected.LineCount);
        for (var line = 0; line < expected.LineCount; line++)
        {
            fused.LineStart(line).Should().Be(expected.LineStart(line), "line {0}", line);
        }
    }

    [Fact]
    public void LineOf_AnyOrderOfQuestions_SameAsASearchFromScratch()
    {
        var text = string.Join("\n", Enumerable.Range(0, 200).Select(i => new string('x', i % 7))) + "\r\nlast\rline";
        var source = new SourceText(text);
        var random = new Random(12345);
        var offsets = Enumerable.Range(0, text.Length + 1).Concat(Enumerable.Range(0, 2000).Select(_ => random.Next(text.Length + 1))).ToList();
        offsets.AddRange(Enumerable.Range(0, text.Length + 1).Reverse());

        foreach (var offset in offsets)
        {
            var expected = 0;
            while (expected + 1 < source.LineCount && source.LineStart(expected + 1) <= offset)
            {
                expected++;
            }

            source.LineOf(offset).Should().Be(expected, "offset {0}", offset);
        }
    }

    /// <summary>Compares every run of up to four top-level blocks (and every list's items); returns how many took the shortcut.</summary>
    private int CompareAllRanges(string text, int maxBlocks = int.MaxValue)
    {
        var context = Context(text);
        var verbatim = 0;
        foreach (var container in Containers(context.Markdown))
        {
            var blocks = container.Take(maxBlocks).ToList();
            for (var i = 0; i < blocks.Count; i++)
            {
                for (var n = 1; n <= 4 && i + n <= blocks.Count; n++)
                {
                    var range = blocks.GetRange(i, n);
                    var expected = context.SourceMarkdown.CanonicalBlocksMarkdown(range);
                    context.SourceMarkdown.BlocksMarkdown(range).Should().Be(expected, "blocks {0}..{1} at line {2}", i, i + n - 1, blocks[i].Line + 1);
                    var (plain, markdown) = context.SourceMarkdown.BlocksTextAndMarkdown(range);
                    markdown.Should().Be(expected);
                    plain.Should().Be(MarkdownText.BlocksText(range), "the plain text of blocks {0}..{1} at line {2}", i, i + n - 1, blocks[i].Line + 1);
                    if (context.SourceMarkdown.TryVerbatimMarkdown(range) is { } v)
                    {
                        verbatim++;
                        if (MarkdownText.IsPlainVerbatim(range, v))
                        {
                            PlainVerbatim++;
                        }
                    }
                }
            }
        }

        return verbatim;
    }

    private static IEnumerable<ContainerBlock> Containers(ContainerBlock root)
    {
        yield return root;
        foreach (var child in root.Descendants<ContainerBlock>())
        {
            yield return child;
        }
    }

    private static DigestReadContext Context(string text) => new(null, new SourceText(text), DigestParser.ParseMarkdown(text), []);
}
