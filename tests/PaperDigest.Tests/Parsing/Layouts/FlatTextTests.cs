using Markdig.Syntax;
using PaperDigest.Parsing;
using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Tests.Layouts;

/// <summary>The flattened text of a paragraph maps its positions back to the source exactly.</summary>
public sealed class FlatTextTests
{
    private static (string Source, FlatText Flat) Flatten(string source)
    {
        var p = (ParagraphBlock)DigestParser.ParseMarkdown(source)[0];
        return (source, FlatText.Of(p));
    }

    [Theory]
    [InlineData("摘要：[x](https://github.com/a/b) rest", "摘要：", "[x]")]
    [InlineData("Paper: [2412.08888](https://arxiv.org/abs/2412.08888)", "Paper:", " [2412")]
    [InlineData("Code：**[repo](https://github.com/a/b)**", "Code：", "[repo]")] // emphasis has no text of its own: the link answers
    public void SourceOffset_AfterALabel_IsWhereTheNextSourceStarts(string source, string label, string next)
    {
        var (text, flat) = Flatten(source);
        var after = flat.Text.IndexOf(label, StringComparison.Ordinal) + label.Length;

        flat.SourceOffset(after).Should().Be(text.IndexOf(next, StringComparison.Ordinal));
    }

    [Fact]
    public void SourceOffset_InsideLiteralText_IsExact()
    {
        var (text, flat) = Flatten("Authors: Ann *and* Bo, 2024");
        flat.Text.Should().Be("Authors: Ann and Bo, 2024");

        flat.SourceOffset(flat.Text.IndexOf("Bo", StringComparison.Ordinal)).Should().Be(text.IndexOf("Bo", StringComparison.Ordinal));
        flat.SourceOffset(3).Should().Be(3);
    }
}
