using System.Text;
using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

/// <summary>Decoding: NUL bytes make a file binary wherever they are, invalid UTF-8 is found, a written U+FFFD is not an error.</summary>
public sealed class SourceDecoderTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Decode_ValidText_IsTheText()
    {
        var decoded = SourceDecoder.Decode(Utf8("## 标题\n[译](https://arxiv.org/abs/2501.19393)\n"));
        decoded.IsBinary.Should().BeFalse();
        decoded.Text.Should().Be("## 标题\n[译](https://arxiv.org/abs/2501.19393)\n");
        decoded.InvalidByteOffsets.Should().BeEmpty();
    }

    [Fact]
    public void Decode_Bom_IsRemoved()
        => SourceDecoder.Decode([0xEF, 0xBB, 0xBF, .. Utf8("# x")]).Text.Should().Be("# x");

    [Theory]
    [InlineData("\0abc")]
    [InlineData("abc\0")]
    [InlineData("written \uFFFD then \0 a NUL")]
    public void Decode_NulByteAnywhere_IsBinary(string text)
    {
        var decoded = SourceDecoder.Decode(Utf8(text));
        decoded.IsBinary.Should().BeTrue();
        decoded.Text.Should().BeEmpty();
    }

    [Fact]
    public void Decode_InvalidSequenceThenNul_IsBinary()
        => SourceDecoder.Decode([(byte)'a', 0xFF, (byte)'b', 0x00]).IsBinary.Should().BeTrue();

    [Fact]
    public void Decode_WrittenReplacementCharacter_IsNotAnError()
    {
        var decoded = SourceDecoder.Decode(Utf8("a \uFFFD b"));
        decoded.IsBinary.Should().BeFalse();
        decoded.Text.Should().Be("a \uFFFD b");
        decoded.InvalidByteOffsets.Should().BeEmpty();
    }

    [Fact]
    public void Decode_InvalidBytes_AreReplacedAndReportedWithTheirOffsets()
    {
        byte[] bytes = [(byte)'a', (byte)'b', 0xC3, (byte)'c', 0xFF];
        var decoded = SourceDecoder.Decode(bytes);
        decoded.IsBinary.Should().BeFalse();
        decoded.Text.Should().Be("ab\uFFFDc\uFFFD");
        decoded.InvalidByteOffsets.Should().Equal((2L, 2), (4L, 4));
    }
}
