using System.IO.Compression;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Tests.Infrastructure;

namespace PaperDigest.Enrichment.Tests.Arxiv;

public sealed class ArxivSnapshotReaderTests
{
    private static async Task<List<ArxivPaper>> FindAsync(string path, params string[] ids)
    {
        var list = new List<ArxivPaper>();
        await foreach (var p in ArxivSnapshotReader.FindAsync(path, ids, TestContext.Current.CancellationToken))
        {
            list.Add(p);
        }

        return list;
    }

    [Fact]
    public async Task Find_KaggleSample_ReadsVersionsAuthorsAndDoi()
    {
        var papers = await FindAsync(Fixtures.PathOf("kaggle-snapshot-sample-0704-6-lines.jsonl"), "0704.0120", "0704.0028", "0704.0044", "0704.9999");

        papers.Select(p => p.Id).Should().BeEquivalentTo("0704.0120", "0704.0028", "0704.0044");
        var p120 = papers.Single(p => p.Id == "0704.0120");
        p120.Version.Should().Be(3);
        p120.Published.Should().Be(new DateTimeOffset(2007, 4, 2, 10, 9, 43, TimeSpan.Zero));
        p120.Updated.Should().Be(new DateTimeOffset(2007, 4, 18, 6, 50, 11, TimeSpan.Zero));
        p120.Dois.Should().Equal("10.1103/PhysRevD.75.094019");
        p120.JournalReference.Should().Be("Phys.Rev.D75:094019,2007");
        p120.Categories.Should().Equal("hep-ex", "hep-ph");
        p120.PrimaryCategory.Should().Be("hep-ex");
        p120.Comment.Should().Be("6 pages, 1 figure, a typo fixed, add more reference and a few corrections");
        p120.Authors.Select(a => a.Name).Should().StartWith("Xiao-Dong Cheng");
        p120.Abstract.Should().StartWith("Most recently").And.NotContain("\n");
        papers.Single(p => p.Id == "0704.0028").Authors.Should().Contain(a => a.Name.Contains('é'));
        papers.Single(p => p.Id == "0704.0044").Authors.Should().Contain(a => a.Affiliations.Count > 0);
    }

    [Fact]
    public async Task Find_GzipSnapshot_IsReadToo()
    {
        var gz = Path.Combine(Path.GetTempPath(), $"pd-snapshot-{Guid.NewGuid():N}.jsonl.gz");
        try
        {
            await using (var output = File.Create(gz))
            await using (var zip = new GZipStream(output, CompressionLevel.Fastest))
            await using (var input = File.OpenRead(Fixtures.PathOf("kaggle-snapshot-sample-0704-6-lines.jsonl")))
            {
                await input.CopyToAsync(zip, TestContext.Current.CancellationToken);
            }

            (await FindAsync(gz, "0704.0002")).Should().ContainSingle().Which.Title.Should().Be("Sparsity-certifying Graph Decompositions");
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void ParseLine_MalformedLine_IsSkipped()
        => ArxivSnapshotReader.ParseLine("{\"id\": \"0704.0001\", \"title\": ").Should().BeNull();
}
