using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

public class BareUrlScannerTests
{
    private static List<BareUrl> Scan(string text) => BareUrlScanner.Scan(text, 0, text.Length) ?? [];

    [Theory]
    [InlineData("见 https://example.com/a。后文", "https://example.com/a")]
    [InlineData("见 https://example.com/a，后文", "https://example.com/a")]
    [InlineData("（https://example.com/a）", "https://example.com/a")]
    [InlineData("「https://example.com/a」", "https://example.com/a")]
    [InlineData("https://example.com/a：说明", "https://example.com/a")]
    [InlineData("See https://example.com/a.", "https://example.com/a")]
    [InlineData("See https://example.com/a, then", "https://example.com/a")]
    [InlineData("(see https://example.com/a)", "https://example.com/a")]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("https://example.com/a?x=1&y=2#frag", "https://example.com/a?x=1&y=2#frag")]
    [InlineData("<https://example.com/a>", "https://example.com/a")]
    [InlineData("HTTP://EXAMPLE.COM/A", "HTTP://EXAMPLE.COM/A")]
    [InlineData("https://example.com/a\\_b", "https://example.com/a_b")]
    [InlineData("https://example.com/?a=1&amp;b=2", "https://example.com/?a=1&b=2")]
    public void Scan_UrlInRunningText_EndsWhereTheUrlEnds(string text, string url)
    {
        var found = Scan(text);

        found.Should().ContainSingle();
        found[0].Url.Should().Be(url);
        found[0].Repaired.Should().BeFalse();
        text[found[0].Start..found[0].End].Should().Be(found[0].Written);
    }

    [Theory]
    [InlineData("代码：https://github. com/eddycmu/demystify-long-cot。", "https://github.com/eddycmu/demystify-long-cot", "https://github. com/eddycmu/demystify-long-cot")]
    [InlineData("https: //github.com/a/b 后文", "https://github.com/a/b", "https: //github.com/a/b")]
    [InlineData("https://github.com/ GAIR-NLP/LIMO 后文", "https://github.com/GAIR-NLP/LIMO", "https://github.com/ GAIR-NLP/LIMO")]
    public void Scan_BrokenUrl_IsRepairedAndMarked(string text, string url, string written)
    {
        var found = Scan(text);

        found.Should().ContainSingle();
        found[0].Url.Should().Be(url);
        found[0].Written.Should().Be(written);
        found[0].Repaired.Should().BeTrue();
    }

    [Theory]
    [InlineData("no links here")]
    [InlineData("xhttps://example.com")]
    [InlineData("http:example.com")]
    [InlineData("https://")]
    [InlineData("https:// ")]
    [InlineData("the http protocol")]
    [InlineData("ftp://example.com/a")]
    [InlineData("")]
    public void Scan_NoUrl_FindsNothing(string text) => Scan(text).Should().BeEmpty();

    [Fact]
    public void Scan_SeveralUrls_FindsEachInOrder()
    {
        var found = Scan("a https://x.org/1 b https://y.org/2。c http://z.org/3");

        found.Select(f => f.Url).Should().Equal("https://x.org/1", "https://y.org/2", "http://z.org/3");
    }

    [Fact]
    public void Scan_Range_LooksOnlyInsideIt()
    {
        const string text = "https://x.org/1 and https://y.org/2";

        var found = BareUrlScanner.Scan(text, 16, text.Length) ?? [];

        found.Should().ContainSingle().Which.Start.Should().Be(20);
    }
}
