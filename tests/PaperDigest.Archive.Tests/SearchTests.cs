using PaperDigest.Archive.Tests.Infrastructure;

namespace PaperDigest.Archive.Tests;

/// <summary>Search over a small archive written to disk, under both tokenizers where both must agree.</summary>
public sealed class SearchTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public SearchTests()
    {
        _dir.Write("2025/2025-01-06.md", "# 2025-01-06\n\n"
            + TempFolder.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001", "We decode tokens speculatively with a draft model. Code: https://github.com/Example/SpecDec") + "\n"
            + TempFolder.Entry("Sparse Attention Kernels", "稀疏注意力内核", "https://arxiv.org/abs/2501.00002", "本文提出一种新的稀疏注意力内核，在长上下文推理中显著降低显存占用与延迟。"));
        _dir.Write("2025/2025-03-10.md",
            TempFolder.Entry("Diffusion Models for Audio", "用于音频的扩散模型", "https://arxiv.org/abs/2503.00003", "Audio generation with latent diffusion; decoding is fast.") + "\n"
            + TempFolder.Entry("言語モデルの推論", "日本語の論文", "https://arxiv.org/abs/2503.00004", "大規模言語モデルの推論を高速化する手法を提案する。") + "\n"
            + TempFolder.Entry("한국어 언어 모델", "한국어 논문", "https://arxiv.org/abs/2503.00005", "우리는 한국어 언어 모델의 추론 속도를 개선한다."));
        _dir.Write("misc.md", TempFolder.Entry("A Survey of Decoding Strategies", "解码策略综述", "https://arxiv.org/abs/2406.00006", "Speculative methods are mentioned once. See https://github.com/example/specdec too."));
    }

    public void Dispose() => _dir.Dispose();

    private ArchiveIndex Build(SearchTokenizer tokenizer)
    {
        var index = ArchiveIndex.Open(_dir.Database, tokenizer);
        index.IndexAsync(_dir.Files(), cancellationToken: TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return index;
    }

    private static List<string?> Ids(IReadOnlyList<SearchHit> hits) => hits.Select(h => h.ArxivId).ToList();

    [Theory]
    [InlineData(SearchTokenizer.WordsAndCjkCharacters)]
    [InlineData(SearchTokenizer.Trigram)]
    public void Search_ChineseSubstringInsideATitle_FindsTheEntry(SearchTokenizer tokenizer)
    {
        using var index = Build(tokenizer);
        Ids(index.Search("推测解码")).Should().Equal("2501.00001");
        Ids(index.Search("注意力内核")).Should().Equal("2501.00002");
    }

    [Theory]
    [InlineData(SearchTokenizer.WordsAndCjkCharacters)]
    [InlineData(SearchTokenizer.Trigram)]
    public void Search_TwoCharacterChineseWord_FindsEveryEntryWithIt(SearchTokenizer tokenizer)
    {
        using var index = Build(tokenizer);
        Ids(index.Search("解码")).Should().BeEquivalentTo(["2501.00001", "2406.00006"]);
        Ids(index.Search("显存")).Should().Equal("2501.00002");
    }

    [Theory]
    [InlineData(SearchTokenizer.WordsAndCjkCharacters)]
    [InlineData(SearchTokenizer.Trigram)]
    public void Search_JapaneseAndKorean_FindTheirEntries(SearchTokenizer tokenizer)
    {
        using var index = Build(tokenizer);
        Ids(index.Search("高速化")).Should().Equal("2503.00004");
        Ids(index.Search("추론 속도")).Should().Equal("2503.00005");
    }

    [Fact]
    public void Search_OneChineseCharacter_FindsEntriesWithIt()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        Ids(index.Search("综")).Should().Equal("2406.00006");
    }

    [Fact]
    public void Search_EnglishWord_MatchesItsOtherFormsAndRanksTitleMatchesFirst()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        var hits = index.Search("decoding");

        // "decode" and "decoding" share a stem; a title match outranks an abstract match.
        Ids(hits).Should().BeEquivalentTo(["2501.00001", "2406.00006", "2503.00003"]);
        Ids(hits)[2].Should().Be("2503.00003");
    }

    [Fact]
    public void Search_Phrase_NeedsTheWordsTogether()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        Ids(index.Search("\"speculative decoding\"")).Should().Equal("2501.00001");
        Ids(index.Search("speculative decoding")).Should().BeEquivalentTo(["2501.00001", "2406.00006"]);
    }

    [Fact]
    public void Search_TitleFilter_IgnoresAbstracts()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        Ids(index.Search("title:speculative")).Should().Equal("2501.00001");
        Ids(index.Search("title:稀疏")).Should().Equal("2501.00002");
    }

    [Fact]
    public void Search_IdRepoAndDateFilters_NarrowTheResults()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        Ids(index.Search("id:2503.00003")).Should().Equal("2503.00003");
        Ids(index.Search("id:arXiv:2501.00001v3")).Should().Equal("2501.00001");
        Ids(index.Search("repo:example/SPECDEC")).Should().BeEquivalentTo(["2501.00001", "2406.00006"]);
        Ids(index.Search("repo:https://github.com/Example/SpecDec speculative date:2025")).Should().Equal("2501.00001");
        Ids(index.Search("decoding date:2025-02..")).Should().Equal("2503.00003");
        Ids(index.Search("date:2025-01-01..2025-01-31")).Should().BeEquivalentTo(["2501.00001", "2501.00002"]);
        index.Search("decoding date:2024").Should().BeEmpty("the file without a date is outside every date range");
    }

    [Fact]
    public void Search_Hit_CarriesFileLineDateAndHighlightedSnippet()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        var hit = index.Search("draft model").Should().ContainSingle().Subject;

        hit.Path.Should().EndWith("2025-01-06.md");
        hit.Line.Should().Be(3);
        hit.Date.Should().Be(new DateOnly(2025, 1, 6));
        hit.Title.Should().Be("Speculative Decoding at Scale");
        hit.TranslatedTitle.Should().Be("大规模推测解码");
        hit.Highlights.Select(r => hit.Snippet.Substring(r.Start, r.Length)).Should().Equal("draft", "model");
    }

    [Fact]
    public void Search_AccentsAndCase_MatchEitherWay()
    {
        _dir.Write("accents.md", TempFolder.Entry("Café Reasoning for NAÏVE Agents", "咖啡馆推理", "https://arxiv.org/abs/2407.00007", "Une étude e\u0301le\u0301gante of reasoning."));
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        Ids(index.Search("cafe naive")).Should().Equal("2407.00007");
        Ids(index.Search("CAFÉ")).Should().Equal("2407.00007");
        Ids(index.Search("\"etude elegante\"")).Should().Equal(["2407.00007"], "a combining accent is dropped like a precomposed one");
    }

    [Fact]
    public void Search_TermInMoreEntriesThanTheCap_RanksOnlyTheNewestOfThem()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);

        // "decoding" is in the first, third and sixth entry; with room to rank two, the two written last are ranked.
        var capped = ArchiveSearcher.Search(index.Connection, index.Tokenizer, SearchQuery.Parse("decoding"), 20, maxRanked: 2);
        Ids(capped).Should().BeEquivalentTo(["2503.00003", "2406.00006"]);
        Ids(ArchiveSearcher.Search(index.Connection, index.Tokenizer, SearchQuery.Parse("decoding"), 20, maxRanked: 3)).Should().HaveCount(3);

        // A filter is never capped: it could otherwise lose the very entries it asks for.
        var filtered = ArchiveSearcher.Search(index.Connection, index.Tokenizer, SearchQuery.Parse("decoding date:2025-01"), 20, maxRanked: 1);
        Ids(filtered).Should().Equal("2501.00001");
    }

    [Fact]
    public void Search_ChineseHit_HighlightsTheChineseRun()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        var hit = index.Search("显存占用").Should().ContainSingle().Subject;
        hit.Highlights.Select(r => hit.Snippet.Substring(r.Start, r.Length)).Should().Equal("显存占用");
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(speculative decoding)")]
    [InlineData("speculative AND OR NOT")]
    [InlineData("title:\"sparse attention\" *")]
    [InlineData("-decoding ^model {title}: x")]
    public void Search_TextThatLooksLikeFts5Syntax_IsSearchedAsTextNotAnError(string query)
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        var search = () => index.Search(query);
        search.Should().NotThrow();
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("date:yesterday", "not a date")]
    [InlineData("date:..", "needs a date")]
    [InlineData("repo:justaname", "owner/name")]
    [InlineData("title:", "needs a value")]
    public void Search_MalformedQuery_SaysWhatIsWrong(string query, string message)
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        var search = () => index.Search(query);
        search.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Search_Limit_CapsTheHits()
    {
        using var index = Build(SearchTokenizer.WordsAndCjkCharacters);
        index.Search("date:2025", limit: 2).Should().HaveCount(2);
    }
}
