using AngleSharp.Html.Parser;
using PaperDigest.Archive.Tests.Infrastructure;
using PaperDigest.Enrichment.Caching;

namespace PaperDigest.Archive.Tests;

/// <summary>The report's model from an archive on disk, and its HTML (read back with AngleSharp) and Markdown.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public ReportTests()
    {
        _dir.Write("digests/2025-01-06.md", "# 2025-01-06\n\n"
            + TempFolder.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001", "We study speculative decoding at scale. Code: https://github.com/Example/SpecDec and https://github.com/other/tool") + "\n"
            + TempFolder.Entry("Sparse Attention Kernels", "稀疏注意力内核", "https://arxiv.org/abs/2501.00002"));
        _dir.Write("digests/2025-01-08.md",
            TempFolder.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001v2", "Again, with https://github.com/example/specdec") + "\n");
        _dir.Write("digests/2025-01-22.md",
            TempFolder.Entry("Diffusion Models for Audio", "用于音频的扩散模型", "https://arxiv.org/abs/2501.00003") + "\n"
            + "## Broken <Entry> | with pipes\n[坏的](https://arxiv.org/abs/9999.99999)\n\nshort\n");
    }

    public void Dispose() => _dir.Dispose();

    private async Task<ArchiveReport> BuildAsync(IEnrichmentCache? cache = null)
    {
        using var index = ArchiveIndex.Open(_dir.Database);
        await index.IndexAsync(_dir.Files(), new ArchiveIndexOptions { EnrichmentCache = cache }, TestContext.Current.CancellationToken);
        return index.BuildReport();
    }

    [Fact]
    public async Task Report_CountsWeeksLayoutsRepositoriesDuplicatesAndErrors()
    {
        var report = await BuildAsync();

        report.Documents.Should().Be(3);
        report.Entries.Should().Be(5);
        report.Weeks.Should().Equal(
            new WeekCount(new DateOnly(2025, 1, 6), 3),
            new WeekCount(new DateOnly(2025, 1, 13), 0),
            new WeekCount(new DateOnly(2025, 1, 20), 2));
        report.Layouts.Should().ContainSingle().Which.Should().Be(new LayoutCount("heading-link", 3, 5));
        report.Repositories.Select(r => (r.Name, r.Entries)).Should().Equal(("example/specdec", 2), ("other/tool", 1));
        report.Repositories[0].Stars.Should().BeNull();
        var duplicate = report.Duplicates.Should().ContainSingle().Subject;
        duplicate.ArxivId.Should().Be("2501.00001");
        duplicate.Places.Select(p => (Path.GetFileName(p.Path), p.Line)).Should().Equal(("2025-01-06.md", 3), ("2025-01-08.md", 1));
        report.Errors.Should().NotBeEmpty();
        report.Errors.Should().OnlyContain(e => e.Path.EndsWith("2025-01-22.md", StringComparison.Ordinal) && e.Line >= 6);
    }

    [Fact]
    public async Task Report_WithEnrichmentCache_ShowsStarsAndRenamedRepositories()
    {
        var cache = EnrichmentCacheFile.Open(_dir.Path("cache/enrichment.db"));
        var now = DateTimeOffset.UtcNow;
        await cache.SetManyAsync(
            [
                new CacheEntry("github", "example/specdec", """{"owner":"example-org","name":"SpecDec","htmlUrl":"https://github.com/example-org/SpecDec","stars":1234,"archived":false}""", null, now, now.AddDays(1)),
                new CacheEntry("github-missing", "other/tool", """{"state":"NotFound","reason":"404"}""", null, now, now.AddDays(1)),
                new CacheEntry("arxiv", "2501.00001", """{"id":"2501.00001","version":2,"title":"Speculative Decoding at Scale","authors":[{"name":"Ada Lovelace","affiliations":[]}],"primaryCategory":"cs.CL","categories":["cs.CL","cs.LG"],"published":"2025-01-02T00:00:00+00:00"}""", null, now, now.AddDays(1)),
            ],
            TestContext.Current.CancellationToken);

        var report = await BuildAsync(cache);

        using (var index = ArchiveIndex.OpenExisting(_dir.Database))
        using (var command = index.Connection.CreateCommand())
        {
            command.CommandText = "SELECT arxiv_id || ' ' || version || ' ' || authors || ' ' || primary_category || ' ' || categories || ' ' || published FROM papers";
            command.ExecuteScalar().Should().Be("2501.00001 2 [\"Ada Lovelace\"] cs.CL [\"cs.CL\",\"cs.LG\"] 2025-01-02T00:00:00+00:00");
        }

        report.Repositories[0].Should().Be(new RepositoryCount("example/specdec", 2, 1234, "renamed", false, "example-org/SpecDec"));
        report.Repositories[1].State.Should().Be("notFound", "states are named as enrich names them in JSON");
        var html = new HtmlParser().ParseDocument(ReportRenderer.Html(report));
        html.QuerySelector("#repositories-table tbody tr")!.TextContent.Should().Contain("1234").And.Contain("renamed to example-org/SpecDec");
    }

    [Fact]
    public async Task Html_IsOneSelfContainedPageWithChartsAndTables()
    {
        var report = await BuildAsync();
        var text = ReportRenderer.Html(report, new ReportRenderOptions { OutputDirectory = _dir.Root });
        var doc = new HtmlParser().ParseDocument(text);

        doc.QuerySelector("meta[name=viewport]")!.GetAttribute("content").Should().Contain("width=device-width");
        doc.QuerySelectorAll("script, link[rel=stylesheet], img, iframe, object").Should().BeEmpty("the page must not load anything when viewed");
        doc.QuerySelectorAll("[src]").Should().BeEmpty();
        doc.QuerySelector("svg[data-chart=weeks]")!.QuerySelectorAll("rect.bar").Should().HaveCount(3);
        doc.QuerySelector("svg[data-chart=layouts]").Should().NotBeNull();
        doc.QuerySelector("svg[data-chart=repositories]")!.QuerySelectorAll("rect.bar").Should().HaveCount(2);
        doc.QuerySelectorAll("#files-table tbody tr").Should().HaveCount(3);
        doc.QuerySelectorAll("#duplicates-table tbody tr").Should().HaveCount(1);
        doc.QuerySelector("#duplicates-table a[href='digests/2025-01-08.md#L1']").Should().NotBeNull();
        var errorLinks = doc.QuerySelectorAll("#errors-table tbody tr td:first-child a");
        errorLinks.Should().HaveCount(report.Errors.Count);
        errorLinks.Select(a => a.GetAttribute("href")).Should().OnlyContain(h => h!.StartsWith("digests/2025-01-22.md#L", StringComparison.Ordinal));
        doc.QuerySelector("#summary")!.TextContent.Should().Contain("5entries");
    }

    [Fact]
    public async Task Html_EscapesTextFromTheArchive()
    {
        _dir.Write("digests/2025-01-23.md", TempFolder.Entry("<script>alert(1)</script> & more", "标题", "https://arxiv.org/abs/2501.00001"));
        var report = await BuildAsync();
        var text = ReportRenderer.Html(report);

        text.Should().NotContain("<script>");
        new HtmlParser().ParseDocument(text).QuerySelector("#duplicates-table")!.TextContent.Should().Contain("Speculative Decoding at Scale");
    }

    [Fact]
    public async Task Html_EmptyArchive_SaysSoInsteadOfDrawingEmptyCharts()
    {
        using var index = ArchiveIndex.Open(_dir.Database);
        var doc = new HtmlParser().ParseDocument(ReportRenderer.Html(index.BuildReport()));
        doc.QuerySelector("#weeks .note")!.TextContent.Should().Contain("No file has a date");
        doc.QuerySelector("svg[data-chart=weeks]").Should().BeNull();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Markdown_IsPlainTablesWithoutHtml()
    {
        var report = await BuildAsync();
        var md = ReportRenderer.Markdown(report, new ReportRenderOptions { Title = "Weekly digests" });

        md.Should().StartWith("# Weekly digests\n\n3 files, 5 entries, 2 repositories linked, 1 duplicated papers");
        md.Should().Contain("| Week of | Entries |\n| --- | ---: |\n| 2025-01-06 | 3 |\n| 2025-01-20 | 2 |\n");
        md.Should().Contain("| example/specdec | 2 |");
        md.Should().Contain("| 2501.00001 | Speculative Decoding at Scale |");
        md.Should().NotContainAny("<svg", "<table", "\u001b[");
        md.Should().Contain("## Errors\n\n| Where | Rule | Message |");
    }

    [Fact]
    public async Task Markdown_ManyRows_AreCutWithANote()
    {
        for (var i = 0; i < 5; i++)
        {
            _dir.Write($"more/2025-02-0{i + 1}.md", TempFolder.Entry($"Paper {i}", "论文", $"https://arxiv.org/abs/2502.0000{i}"));
        }

        var report = await BuildAsync();
        var md = ReportRenderer.Markdown(report, new ReportRenderOptions { MarkdownRowLimit = 2 });
        md.Should().Contain("The first 2 of 8 files; the HTML report lists them all.");
    }
}
