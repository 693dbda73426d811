using System.Diagnostics;
using System.Globalization;
using PaperDigest.Archive.Tests.Infrastructure;

namespace PaperDigest.Archive.Tests;

/// <summary>
/// Search relevance on the real corpus (../shared/corpus): hand-written queries, in English and Chinese, as a keeper of
/// the archive would type them, and a fragment of the title of the entry each must return first.
/// </summary>
public sealed class RelevanceTests : IClassFixture<RelevanceTests.CorpusIndexes>
{
    /// <summary>The queries and the English or translated title fragment of the entry each must rank first.</summary>
    public static readonly TheoryData<string, string> Queries = new()
    {
        { "speculative decoding", "Speculative Decoding" },
        { "推测解码", "推测解码" },
        { "facial expression editing", "MagicFace" },
        { "editing facial expressions", "MagicFace" },
        { "面部表情编辑", "MagicFace" },
        { "symbolic regression", "Symbolic Regression" },
        { "benchmark leakage", "Benchmark Leakage" },
        { "纳什均衡", "Nash equilibrium" },
        { "放射学报告", "放射学报告" },
        { "少样本目标检测", "少样本目标检测" },
        { "relighting light sources", "LightLab" },
        { "RAG internal priors", "How faithful are RAG models" },
    };

    private readonly CorpusIndexes _indexes;

    public RelevanceTests(CorpusIndexes indexes) => _indexes = indexes;

    [Theory]
    [MemberData(nameof(Queries))]
    public void Search_RealCorpus_RanksTheExpectedEntryFirst(string query, string expectedTitle)
    {
        var index = _indexes.Get(SearchTokenizer.WordsAndCjkCharacters);
        var hits = index.Search(query, 5);
        hits.Should().NotBeEmpty();
        (hits[0].Title + " " + hits[0].TranslatedTitle).Should().Contain(expectedTitle, $"'{query}' should rank it first; got {string.Join(" | ", hits.Select(h => h.Title + " " + h.TranslatedTitle))}");
    }

    /// <summary>
    /// The comparison behind the default tokenizer: the rank of the expected entry for every query under both tokenizers,
    /// and the mean reciprocal rank. Printed with PAPERDIGEST_FIGURES=1 (docs/archive.md quotes it).
    /// </summary>
    [Fact]
    public void Figures_TokenizerComparison()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("PAPERDIGEST_FIGURES") == "1", "figures are measured only with PAPERDIGEST_FIGURES=1");
        var lines = new List<string>();
        foreach (var tokenizer in new[] { SearchTokenizer.WordsAndCjkCharacters, SearchTokenizer.Trigram })
        {
            var index = _indexes.Get(tokenizer);
            double mrr = 0;
            var firsts = 0;
            foreach (var row in Queries)
            {
                var (query, expected) = row.Data;
                var hits = index.Search(query, 20);
                var rank = hits.Select((h, i) => (h, i)).FirstOrDefault(p => (p.h.Title + " " + p.h.TranslatedTitle).Contains(expected, StringComparison.Ordinal), (null!, -1)).Item2 + 1;
                mrr += rank > 0 ? 1.0 / rank : 0;
                firsts += rank == 1 ? 1 : 0;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{tokenizer,-20} {query,-28} rank {(rank > 0 ? rank.ToString(CultureInfo.InvariantCulture) : "-"),3}  hits {hits.Count,2}  first: {(hits.Count > 0 ? hits[0].Title + " " + hits[0].TranslatedTitle : "")}"));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{tokenizer}: first for {firsts} of {Queries.Count} queries, MRR {mrr / Queries.Count:0.000}; index {_indexes.Seconds(tokenizer):0.00} s, {_indexes.Bytes(tokenizer) / 1e6:0.0} MB"));
        }

        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "pd-relevance.txt"), lines);
        TestContext.Current.SendDiagnosticMessage(string.Join('\n', lines));
    }

    /// <summary>The corpus indexed once per tokenizer, into files on disk, for every test of the class.</summary>
    public sealed class CorpusIndexes : IDisposable
    {
        private readonly TempFolder _dir = new();
        private readonly Dictionary<SearchTokenizer, (ArchiveIndex Index, double Seconds)> _indexes = [];

        public ArchiveIndex Get(SearchTokenizer tokenizer)
        {
            var corpus = SharedFiles.RequireCorpus();
            if (!_indexes.TryGetValue(tokenizer, out var entry))
            {
                var sw = Stopwatch.StartNew();
                var index = ArchiveIndex.Open(_dir.Path($"{tokenizer}.db"), tokenizer);
                index.IndexAsync(SharedFiles.CorpusFiles(corpus)).GetAwaiter().GetResult();
                entry = (index, sw.Elapsed.TotalSeconds);
                _indexes[tokenizer] = entry;
            }

            return entry.Index;
        }

        public double Seconds(SearchTokenizer tokenizer) => _indexes[tokenizer].Seconds;

        public long Bytes(SearchTokenizer tokenizer)
            => new FileInfo(_dir.Path($"{tokenizer}.db")).Length + (File.Exists(_dir.Path($"{tokenizer}.db-wal")) ? new FileInfo(_dir.Path($"{tokenizer}.db-wal")).Length : 0);

        public void Dispose()
        {
            foreach (var (index, _) in _indexes.Values)
            {
                index.Dispose();
            }

            _dir.Dispose();
        }
    }
}
