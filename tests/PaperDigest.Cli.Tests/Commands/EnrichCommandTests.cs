using System.Text.Json;

namespace PaperDigest.Cli.Tests;

public sealed class EnrichCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pd-enrich-cli", Guid.NewGuid().ToString("N"));

    public EnrichCommandTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "snapshot.jsonl"), string.Join('\n',
            """{"id":"2501.19393","submitter":"N","authors":"Niklas Muennighoff, Zitong Yang","title":"s1: Simple test-time\n  scaling","comments":"46 pages","journal-ref":null,"doi":null,"report-no":null,"categories":"cs.CL cs.AI cs.LG","license":null,"abstract":"  Test-time scaling is a promising new approach.\n","versions":[{"version":"v1","created":"Fri, 31 Jan 2025 18:57:34 GMT"},{"version":"v2","created":"Mon, 3 Feb 2025 10:00:00 GMT"}],"update_date":"2025-02-03","authors_parsed":[["Muennighoff","Niklas",""],["Yang","Zitong",""]]}""",
            """{"id":"2501.19324","submitter":"B","authors":"Baohao Liao","title":"Something else entirely & more_things","comments":"This paper has been withdrawn","journal-ref":null,"doi":"10.1000/x_y","report-no":null,"categories":"cs.CL","license":null,"abstract":"Abstract.","versions":[{"version":"v1","created":"Fri, 31 Jan 2025 17:00:00 GMT"}],"update_date":"2025-01-31","authors_parsed":[["Liao","Baohao",""]]}""") + "\n");
        File.WriteAllText(Path.Combine(_dir, "digest.md"), """
            # 2025-01-31

            ## s1: Simple test-time scaling
            [s1：简单的测试时扩展](https://arxiv.org/abs/2501.19393)

            摘要一。

            ## Reward-Guided Speculative Decoding for Efficient LLM Reasoning
            [奖励引导的推测解码](https://arxiv.org/abs/2501.19324)

            摘要二。

            ## A paper the snapshot does not have
            [不在快照里](https://arxiv.org/abs/2501.00001)

            摘要三。

            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<CliResult> RunAsync(params string[] args)
        => CliRunner.RunAsync(args, environment: new Dictionary<string, string?> { ["HOME"] = _dir }, currentDirectory: _dir);

    [Fact]
    public async Task Enrich_Snapshot_WritesArxivBlockAndTitleMatchPerEntry()
    {
        var result = await RunAsync("enrich", "--no-cache", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"), Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(0, result.Error);
        using var doc = JsonDocument.Parse(result.Output);
        var entries = doc.RootElement.EnumerateArray().ToList();
        entries.Should().HaveCount(3);

        var s1 = entries[0];
        s1.GetProperty("title").GetString().Should().Be("s1: Simple test-time scaling");
        var arxiv = s1.GetProperty("arxiv");
        arxiv.GetProperty("status").GetString().Should().Be("found");
        arxiv.GetProperty("source").GetString().Should().Be("snapshot");
        arxiv.GetProperty("title").GetString().Should().Be("s1: Simple test-time scaling");
        arxiv.GetProperty("version").GetInt32().Should().Be(2);
        arxiv.GetProperty("primaryCategory").GetString().Should().Be("cs.CL");
        arxiv.GetProperty("authors")[0].GetProperty("name").GetString().Should().Be("Niklas Muennighoff");
        s1.GetProperty("titleMatch").GetProperty("ok").GetBoolean().Should().BeTrue();
        s1.GetProperty("titleMatch").GetProperty("score").GetDouble().Should().Be(1);

        var second = entries[1];
        second.GetProperty("titleMatch").GetProperty("status").GetString().Should().Be("mismatch");
        second.GetProperty("arxiv").GetProperty("withdrawn").GetBoolean().Should().BeTrue();

        entries[2].GetProperty("arxiv").GetProperty("status").GetString().Should().Be("not-found");
        result.Error.Should().NotContain("\r", "stderr is not a terminal: no progress");
    }

    [Fact]
    public async Task Enrich_Bibtex_WritesArxivStyleMiscEntries()
    {
        var result = await RunAsync("enrich", "--no-cache", "--format", "bibtex", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"), Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(3, "the snapshot lacks one paper, so the bibliography is incomplete");
        result.Error.Should().Contain("enrich: 1 of 3 entries left out of the BibTeX output:")
            .And.Contain("digest.md: 'A paper the snapshot does not have' (arXiv 2501.00001): ");
        result.Output.Should().Contain("@misc{muennighoff2025s1simpletest,");
        result.Output.Should().Contain("      title={s1: Simple test-time scaling},");
        result.Output.Should().Contain("      author={Niklas Muennighoff and Zitong Yang},");
        result.Output.Should().Contain("      eprint={2501.19393},");
        result.Output.Should().Contain("      archivePrefix={arXiv},");
        result.Output.Should().Contain("      primaryClass={cs.CL},");
        result.Output.Should().Contain("      url={https://arxiv.org/abs/2501.19393},");
        result.Output.Should().Contain("title={Something else entirely \\& more\\_things}");
        result.Output.Should().Contain("doi={10.1000/x_y}", "biblatex reads the DOI verbatim");
        result.Output.Split("@misc{").Should().HaveCount(3);
    }

    [Fact]
    public async Task Enrich_CslJson_WritesOneItemPerPaperAndReportsTheOneLeftOut()
    {
        var result = await RunAsync("enrich", "--no-cache", "--format", "csljson", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"), Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain("enrich: 1 of 3 entries left out of the CSL-JSON output:");
        using var doc = JsonDocument.Parse(result.Output);
        var items = doc.RootElement.EnumerateArray().ToList();
        items.Should().HaveCount(2);
        var s1 = items[0];
        s1.GetProperty("id").GetString().Should().Be("muennighoff2025s1simpletest");
        s1.GetProperty("type").GetString().Should().Be("article");
        s1.GetProperty("title").GetString().Should().Be("s1: Simple test-time scaling");
        s1.GetProperty("author")[0].GetProperty("family").GetString().Should().Be("Muennighoff");
        s1.GetProperty("author")[0].GetProperty("given").GetString().Should().Be("Niklas");
        s1.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(p => p.GetInt32()).Should().Equal(2025, 1, 31);
        s1.GetProperty("URL").GetString().Should().Be("https://arxiv.org/abs/2501.19393");
        s1.GetProperty("number").GetString().Should().Be("arXiv:2501.19393");
        items[1].GetProperty("DOI").GetString().Should().Be("10.1000/x_y");
    }

    [Fact]
    public async Task Enrich_Bibtex_EveryPaperFound_ExitsZeroWithNothingOnStderr()
    {
        File.WriteAllText(Path.Combine(_dir, "found.md"), "## s1: Simple test-time scaling\n[s1](https://arxiv.org/abs/2501.19393)\n\n摘要一。\n");

        var result = await RunAsync("enrich", "--no-cache", "--format", "bibtex", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"), Path.Combine(_dir, "found.md"));

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Enrich_OfflineWithEmptyCache_ExitsIncomplete()
    {
        var result = await RunAsync("enrich", "--offline", "--cache", Path.Combine(_dir, "c.db"), "--format", "jsonl", Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(3);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3)
            .And.OnlyContain(l => l.Contains("\"status\":\"failed\"") && l.Contains("offline"));
    }

    [Fact]
    public async Task Enrich_InvalidOptions_ExitsWithUsageErrorListingThem()
    {
        var result = await RunAsync("enrich", "--offline", "--refresh", "--title-threshold", "3", Path.Combine(_dir, "digest.md"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("Offline and Refresh").And.Contain("TitleMatchThreshold");
    }
}

public sealed class EnrichProgressAndBibtexTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pd-enrich-cli", Guid.NewGuid().ToString("N"));

    public EnrichProgressAndBibtexTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "snapshot.jsonl"), """{"id":"2501.19393","title":"s1: Simple test-time scaling","authors_parsed":[["Muennighoff","Niklas",""]],"categories":"cs.CL","abstract":"A.","versions":[{"version":"v1","created":"Fri, 31 Jan 2025 18:57:34 GMT"}]}""" + "\n");
        File.WriteAllText(Path.Combine(_dir, "digest.md"), "# D\n\n## s1: Simple test-time scaling\n[s1](https://arxiv.org/abs/2501.19393)\n\nA.\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Error)> RunOnTerminalAsync(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext { ErrorIsTerminal = true, GetEnvironmentVariable = _ => null, CurrentDirectory = _dir };
        string[] args = ["enrich", "--no-cache", "--arxiv-snapshot", Path.Combine(_dir, "snapshot.jsonl"), Path.Combine(_dir, "digest.md"), .. extra];
        var code = await CliApp.RunAsync(args, context, output, error, TestContext.Current.CancellationToken);
        return (code, error.ToString());
    }

    [Fact]
    public async Task Enrich_StderrIsATerminal_ShowsProgress()
    {
        var (code, error) = await RunOnTerminalAsync();

        code.Should().Be(0);
        error.Should().Contain("enrich: 1/1 entries, 0 requests");
    }

    [Fact]
    public async Task Enrich_Quiet_ShowsNoProgressEvenOnATerminal()
    {
        var (code, error) = await RunOnTerminalAsync("--quiet");

        code.Should().Be(0);
        error.Should().BeEmpty();
    }

    [Fact]
    public void Bibtex_SameKeyTwice_GetsASuffix_AndFieldsAreEscaped()
    {
        var writer = new Output.BibtexWriter();
        var paper = new Enrichment.Arxiv.ArxivPaper
        {
            Id = "2501.00001",
            Title = "Costs of 100% accuracy in $O(n_k)$ time",
            Authors = [new("José Núñez", []), new("A_B", [])],
            Published = new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero),
            PrimaryCategory = "cs.LG",
        };

        var first = writer.Write(paper);
        var second = writer.Write(paper with { Id = "2501.00002" });

        first.Should().StartWith("@misc{nunez2025costs100accuracy,");
        second.Should().StartWith("@misc{nunez2025costs100accuracya,");
        first.Should().Contain("title={Costs of 100\\% accuracy in $O(n_k)$ time}");
        first.Should().Contain("author={José Núñez and A\\_B}");
        first.Should().NotContain("doi=");
    }

    [Theory]
    [InlineData("李明", "2502.03387", "arxiv250203387")]
    [InlineData("Ming Li", "2502.03387", "li2025limolessis")]
    [InlineData("山田 太郎", "hep-th/9901001", "arxivhepth9901001")]
    public void Bibtex_FirstAuthorWithoutLatinLetters_GetsTheIdentifierAsKey(string author, string id, string key)
    {
        var paper = new Enrichment.Arxiv.ArxivPaper
        {
            Id = id,
            Title = "LIMO: Less is More for Reasoning",
            Authors = [new(author, []), new("Other Person", [])],
            Published = new DateTimeOffset(2025, 2, 5, 0, 0, 0, TimeSpan.Zero),
            Dois = ["10.1000/a_b%c"],
        };

        var bib = new Output.BibtexWriter().Write(paper);

        bib.Should().StartWith("@misc{" + key + ",");
        bib.Should().Contain("doi={10.1000/a_b%c}", "biblatex's doi field is verbatim: no TeX escapes");
    }
}
