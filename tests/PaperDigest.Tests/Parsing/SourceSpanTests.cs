using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

public class SourceSpanTests
{
    [Fact]
    public void Parse_LinkAfterCjkText_ColumnsCountUtf16Units()
    {
        const string text = "## 标题\n[译名](https://arxiv.org/abs/2502.01456)\n\n中文摘要 https://github.com/a/b 结束。\n";

        var link = DigestParser.Default.Parse(text).Entries.Single().Links.Single();

        link.Span.StartLine.Should().Be(4);
        link.Span.StartColumn.Should().Be(6);
        link.Span.EndColumn.Should().Be(6 + "https://github.com/a/b".Length);
        text[link.Span.StartOffset..link.Span.EndOffset].Should().Be("https://github.com/a/b");
    }

    [Fact]
    public void Parse_LinkAfterAstralCharacter_CountsTwoUnitsForIt()
    {
        const string text = "## 标题\n[译名](https://arxiv.org/abs/2502.01456)\n\n😀中文 https://github.com/a/b\n";

        var link = DigestParser.Default.Parse(text).Entries.Single().Links.Single();

        link.Span.StartColumn.Should().Be(6);
    }

    [Fact]
    public void Parse_CjkTitle_TitleSpanCoversExactlyTheTitle()
    {
        const string text = "## 中文标题  \n[译名](https://arxiv.org/abs/2502.01456)\n\n摘要。\n";

        var entry = DigestParser.Default.Parse(text).Entries.Single();

        entry.TitleSpan.Should().Be(new SourceSpan(1, 4, 1, 8, 3, 7));
        entry.LinkSpan.StartLine.Should().Be(2);
        entry.LinkSpan.StartColumn.Should().Be(1);
        entry.Span.EndLine.Should().Be(4);
        entry.Span.EndColumn.Should().Be(4);
    }

    [Theory]
    [InlineData("a\nb\nc", 4, 3, 1)]
    [InlineData("a\r\nb\r\nc", 6, 3, 1)]
    [InlineData("a\rb\rc", 4, 3, 1)]
    [InlineData("中文\n中文", 4, 2, 2)]
    public void SourceText_LineBreaksOfEveryKind_GiveLineAndColumn(string text, int offset, int line, int column)
    {
        var span = new SourceText(text).Span(offset, offset);

        span.StartLine.Should().Be(line);
        span.StartColumn.Should().Be(column);
    }

    [Fact]
    public void SourceText_OffsetsOutOfRange_AreClamped()
    {
        var span = new SourceText("abc").Span(-5, 99);

        span.Should().Be(new SourceSpan(1, 1, 1, 4, 0, 3));
        span.Length.Should().Be(3);
        span.ToString().Should().Be("1:1-1:4");
    }
}
