namespace PaperDigest.Enrichment.Tests;

public sealed class TitleSimilarityTests
{
    [Theory]
    [InlineData("s1: Simple test-time scaling", "S1 — simple  test time scaling", 1.0)]
    [InlineData("Attention Is All You Need", "Attention is all you need.", 1.0)]
    [InlineData("", "", 1.0)]
    public void Score_SameTitleUpToCasePunctuationAndSpace_IsOne(string a, string b, double expected)
        => TitleSimilarity.Score(a, b).Should().Be(expected);

    [Fact]
    public void Score_DifferentTitles_IsLow()
        => TitleSimilarity.Score("Attention Is All You Need", "Heat-bath random walks with Markov bases").Should().BeLessThan(0.5);

    [Fact]
    public void Score_OneTypo_IsHighButBelowOne()
        => TitleSimilarity.Score("Heat-bath random walks with Markov bases", "Heat-bath random walk with Markov bases").Should().BeInRange(0.9, 0.99);
}
