using System.Text.Json;

namespace PaperDigest.Cli.Tests;

/// <summary><c>index</c>, <c>search</c> and <c>report</c> run in-process against files on disk.</summary>
public sealed class ArchiveCommandsTests : IDisposable
{
    private readonly TempArchive _archive = new();

    public ArchiveCommandsTests()
    {
        _archive.Write("digests/2025-01-06.md", "# 2025-01-06\n\n"
            + TempArchive.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001", "We study speculative decoding with a draft model. Code: https://github.com/example/specdec") + "\n"
            + TempArchive.Entry("Sparse Attention Kernels", "稀疏注意力内核", "https://arxiv.org/abs/2501.00002"));
        _archive.Write("digests/2025-01-13.md", TempArchive.Entry("Speculative Decoding at Scale", "大规模推测解码", "https://arxiv.org/abs/2501.00001"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _archive.Dispose();
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(args, currentDirectory: _archive.Root);

    [Fact]
    public async Task Index_ThenSearch_FindsEntriesWithFileAndLine()
    {
        var index = await Run("index", _archive.Path("digests"));
        index.ExitCode.Should().Be(0, index.Error);
        index.Output.Should().Be("paperdigest.db: 2 added, 0 changed, 0 unchanged, 0 removed; 3 entries written, 2 files and 3 entries in the index\n");
        File.Exists(_archive.Path("paperdigest.db")).Should().BeTrue("the default database is in the current folder");

        var search = await Run("search", "推测解码");
        search.ExitCode.Should().Be(0, search.Error);
        search.Output.Should().Contain("1. Speculative Decoding at Scale / 大规模推测解码 (2501.00001)\n   " + _archive.Path("digests/2025-01-06.md") + ":3  2025-01-06\n");
        search.Output.Should().Contain("«推测解码»");
    }

    [Fact]
    public async Task Index_SecondRun_SkipsUnchangedFilesAndRemovesDeletedOnes()
    {
        (await Run("index", "--db", "a.db", _archive.Path("digests"))).ExitCode.Should().Be(0);
        File.Delete(_archive.Path("digests/2025-01-13.md"));
        var again = await Run("index", "--db", "a.db", _archive.Path("digests"));
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().StartWith("a.db: 0 added, 0 changed, 1 unchanged, 1 removed; 0 entries written, 1 files and 2 entries");
    }

    [Fact]
    public async Task Search_Json_GivesHitsWithHighlights()
    {
        (await Run("index", "--db", "a.db", _archive.Path("digests"))).ExitCode.Should().Be(0);
        var search = await Run("search", "--db", "a.db", "--format", "json", "--limit", "1", "draft", "model");
        search.ExitCode.Should().Be(0, search.Error);
        using var json = JsonDocument.Parse(search.Output);
        var hit = json.RootElement.EnumerateArray().Should().ContainSingle().Subject;
        hit.GetProperty("arxivId").GetString().Should().Be("2501.00001");
        hit.GetProperty("line").GetInt32().Should().Be(3);
        hit.GetProperty("date").GetString().Should().Be("2025-01-06");
        var snippet = hit.GetProperty("snippet").GetString()!;
        hit.GetProperty("highlights").EnumerateArray().Select(h => snippet.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32()))
            .Should().Equal("draft", "model");
    }

    [Fact]
    public async Task Search_NoMatch_SaysSoAndExitsZero()
    {
        (await Run("index", "--db", "a.db", _archive.Path("digests"))).ExitCode.Should().Be(0);
        var search = await Run("search", "--db", "a.db", "quantum gravity");
        search.ExitCode.Should().Be(0);
        search.Output.Should().BeEmpty();
        search.Error.Should().Be("no entries match\n");
    }

    [Fact]
    public async Task Search_WithoutAnIndex_ExitsTwoAndSaysHowToBuildOne()
    {
        var search = await Run("search", "--db", "missing.db", "anything");
        search.ExitCode.Should().Be(2);
        search.Error.Should().Be($"error: {_archive.Path("missing.db")}: no index there; build one with 'paperdigest index ARCHIVE --db {_archive.Path("missing.db")}'\n");
        File.Exists(_archive.Path("missing.db")).Should().BeFalse();
    }

    [Fact]
    public async Task Search_MalformedQuery_ExitsTwoWithTheReason()
    {
        (await Run("index", "--db", "a.db", _archive.Path("digests"))).ExitCode.Should().Be(0);
        var search = await Run("search", "--db", "a.db", "date:someday");
        search.ExitCode.Should().Be(2);
        search.Error.Should().StartWith("error: date: 'someday' is not a date");
    }

    [Fact]
    public async Task Index_IntoAForeignDatabase_ExitsTwoAndLeavesItAlone()
    {
        var foreign = _archive.Write("notes.db", "not a database at all, just text that is long enough to be read as a header........");
        var index = await Run("index", "--db", foreign, _archive.Path("digests"));
        index.ExitCode.Should().Be(2);
        index.Error.Should().Contain("not a PaperDigest index");
        File.ReadAllText(foreign).Should().StartWith("not a database");
    }

    [Fact]
    public async Task Index_StandardInput_IsRefusedClearly()
    {
        var index = await Run("index", "-");
        index.ExitCode.Should().Be(2);
        index.Error.Should().Contain("standard input cannot be indexed");
    }

    [Fact]
    public async Task Report_Html_IsWrittenToTheOutputFile()
    {
        var report = await Run("report", _archive.Path("digests"), "-o", "out/report.html");
        report.ExitCode.Should().Be(0, report.Error);
        var html = File.ReadAllText(_archive.Path("out/report.html"));
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("data-chart=\"weeks\"").And.Contain("href=\"../digests/2025-01-13.md#L1\"");
        File.Exists(_archive.Path("paperdigest.db")).Should().BeFalse("without --db the report indexes in memory");
    }

    [Fact]
    public async Task Report_Markdown_GoesToStandardOutput()
    {
        var report = await Run("report", "--format", "md", "--title", "Weekly", _archive.Path("digests"));
        report.ExitCode.Should().Be(0, report.Error);
        report.Output.Should().StartWith("# Weekly\n\n2 files, 3 entries, 1 repositories linked, 1 duplicated papers, 0 errors");
        report.Output.Should().NotContain("<");
    }

    [Fact]
    public async Task Report_WithDb_KeepsTheIndexForSearch()
    {
        (await Run("report", "--db", "kept.db", "--format", "md", _archive.Path("digests"))).ExitCode.Should().Be(0);
        var search = await Run("search", "--db", "kept.db", "title:sparse");
        search.Output.Should().StartWith("1. Sparse Attention Kernels");
    }
}
