namespace PaperDigest.Archive.Tests;

/// <summary>How the words-and-CJK full-text table's text is split before SQLite sees it.</summary>
public sealed class FtsTextTests
{
    [Theory]
    [InlineData("Speculative Decoding", "speculative decoding")]
    [InlineData("Café NAÏVE Ångström", "cafe naive angstrom")]
    [InlineData("e\u0301le\u0301gante", "elegante")]
    [InlineData("推测解码", "推 测 解 码")]
    [InlineData("大规模LLM推理", "大 规 模 llm 推 理")]
    [InlineData("x-ray, (GPT-4o) «quoted»", "x ray gpt 4o quoted")]
    [InlineData("  \t\n", "")]
    [InlineData("言語モデル 한국어", "言 語 モ デ ル 한 국 어")]
    [InlineData("𠀀字 ²", "𠀀 字 ²")]
    [InlineData("Straße Þing", "straße þing")]
    public void Terms_SplitsLowerCasesAndSetsCjkCharactersApart(string text, string expected)
        => FtsText.Terms(text).Should().Be(expected);
}
