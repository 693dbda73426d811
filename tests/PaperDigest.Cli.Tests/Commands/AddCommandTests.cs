using PaperDigest.Cli.Commands;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Tests;

/// <summary><c>paperdigest add</c>, answered from a metadata snapshot (no network).</summary>
public sealed class AddCommandTests : IDisposable
{
    private const string Digest = "# 2025-02-04\n\n## Existing Paper\n[已有论文](https://arxiv.org/abs/2502.00001)\n\n" + TempArchive.Abstract + "\n";

    private readonly TempArchive _archive = new();

    public AddCommandTests()
    {
        _archive.Write("snapshot.jsonl", string.Join('\n',
            """{"id":"2501.19393","submitter":"N","authors":"Niklas Muennighoff","title":"s1: Simple test-time\n  scaling","comments":null,"journal-ref":null,"doi":null,"report-no":null,"categories":"cs.CL","license":null,"abstract":"Test-time scaling.","versions":[{"version":"v1","created":"Fri, 31 Jan 2025 18:57:34 GMT"}],"update_date":"2025-02-03","authors_parsed":[["Muennighoff","Niklas",""]]}""",
            """{"id":"hep-th/9901001","submitter":"N","authors":"A B","title":"Strings on *old* branes","comments":null,"journal-ref":null,"doi":null,"report-no":null,"categories":"hep-th","license":null,"abstract":"Old.","versions":[{"version":"v1","created":"Fri, 1 Jan 1999 18:57:34 GMT"}],"update_date":"1999-02-03","authors_parsed":[["B","A",""]]}""",
            """{"id":"2502.00001","submitter":"N","authors":"C D","title":"Existing Paper","comments":null,"journal-ref":null,"doi":null,"report-no":null,"categories":"cs.LG","license":null,"abstract":"E.","versions":[{"version":"v1","created":"Sat, 1 Feb 2025 18:57:34 GMT"}],"update_date":"2025-02-03","authors_parsed":[["D","C",""]]}""") + "\n");
    }

    public void Dispose() => _archive.Dispose();

    private Task<CliResult> Add(params string[] args)
        => CliRunner.RunAsync(["add", "--no-cache", "--arxiv-snapshot", _archive.Path("snapshot.jsonl"), .. args], currentDirectory: _archive.Root);

    [Fact]
    public async Task Add_IdsInAnyForm_AppendCanonicalEntriesWithArxivTitlesAndPlaceholders()
    {
        var file = _archive.Write("archive/2025-02-04.md", Digest);

        var r = await Add("https://arxiv.org/abs/2501.19393v2", "arXiv:hep-th/9901001", "--to", file);

        r.ExitCode.Should().Be(0, r.Error);
        File.ReadAllText(file).Should().Be(Digest + """

            ## s1: Simple test-time scaling
            [TODO-paperdigest](https://arxiv.org/abs/2501.19393)

            TODO-paperdigest

            ## Strings on \*old\* branes
            [TODO-paperdigest](https://arxiv.org/abs/hep-th/9901001)

            TODO-paperdigest

            """.ReplaceLineEndings("\n"));
        r.Output.Should().Contain($"{file}:8: added 2501.19393 s1: Simple test-time scaling (unfinished");
        DigestParser.Default.Parse(File.ReadAllText(file)).Entries.Select(e => e.Title)
            .Should().Equal("Existing Paper", "s1: Simple test-time scaling", "Strings on *old* branes");

        var validate = await CliRunner.RunAsync(["validate", file]);
        validate.ExitCode.Should().Be(1);
        validate.Output.Should().Contain("error PD0110/unfinished-entry");
    }

    [Fact]
    public async Task Add_WithTranslationAndAbstract_WritesAFinishedEntry()
    {
        var file = _archive.Write("d.md", Digest);

        var r = await Add("2501.19393", "--translated-title", "s1：简单的测试时扩展", "--abstract", TempArchive.Abstract, "--to", file);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().NotContain("unfinished");
        var validate = await CliRunner.RunAsync(["validate", file]);
        validate.ExitCode.Should().Be(0, validate.Output);
    }

    [Fact]
    public async Task Add_FromJson_AddsABatch()
    {
        var file = _archive.Write("d.md", Digest);
        var json = _archive.Write("today.json", """[{"id": "2501.19393", "translatedTitle": "简单扩展", "abstract": "第一段。\n\n第二段。"}, {"id": "hep-th/9901001"}]""");

        var r = await Add("--from-json", json, "--to", file);

        r.ExitCode.Should().Be(0, r.Error);
        var doc = DigestParser.Default.Parse(File.ReadAllText(file));
        doc.Entries.Should().HaveCount(3);
        doc.Entries[1].TranslatedTitle.Should().Be("简单扩展");
        doc.Entries[1].Abstract.Should().Be("第一段。\n\n第二段。");
        doc.Entries[2].TranslatedTitle.Should().Be("TODO-paperdigest");
    }

    [Fact]
    public async Task Add_IdAlreadyInTheArchive_IsRefusedWithItsPositionAndNothingIsWritten()
    {
        var other = _archive.Write("archive/2025-02-03.md", "## s1\n[旧](https://arxiv.org/abs/2501.19393v1)\n\n" + TempArchive.Abstract + "\n");
        var file = _archive.Write("archive/2025-02-04.md", Digest);

        var r = await Add("2501.19393", "2502.00001", "--to", file);

        r.ExitCode.Should().Be(1);
        r.Error.Should().Contain($"{other}:1:1: error: arXiv 2501.19393 is already in the archive ('s1')")
            .And.Contain($"{file}:3:1: error: arXiv 2502.00001 is already in the archive ('Existing Paper')")
            .And.Contain("nothing written");
        File.ReadAllText(file).Should().Be(Digest);

        var allowed = await Add("2501.19393", "--allow-duplicate", "--to", file);
        allowed.ExitCode.Should().Be(0, allowed.Error);
        DigestParser.Default.Parse(File.ReadAllText(file)).Entries.Should().HaveCount(2);
    }

    [Fact]
    public async Task Add_DryRun_PrintsTheEntriesAndWritesNothing()
    {
        var file = _archive.Write("d.md", Digest);

        var r = await Add("2501.19393", "--dry-run", "--to", file);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Be("## s1: Simple test-time scaling\n[TODO-paperdigest](https://arxiv.org/abs/2501.19393)\n\nTODO-paperdigest\n");
        File.ReadAllText(file).Should().Be(Digest);
    }

    [Fact]
    public async Task Add_PlaceholderFromTheConfiguration_IsWrittenAndReported()
    {
        _archive.Write(".paperdigest.json", """{ "rules": { "PD0110": { "options": { "placeholder": "待填写" } } } }""");
        var file = _archive.Write("d.md", Digest);

        var r = await Add("2501.19393", "--to", file);

        r.ExitCode.Should().Be(0, r.Error);
        File.ReadAllText(file).Should().Contain("[待填写](https://arxiv.org/abs/2501.19393)");
        var validate = await CliRunner.RunAsync(["validate", file]);
        validate.Output.Should().Contain("error PD0110/unfinished-entry: The translated title is still the placeholder '待填写'");
    }

    [Theory]
    [InlineData("2501.00009", 1, "arXiv has no paper 2501.00009")]
    [InlineData("not-an-id", 2, "'not-an-id' is not an arXiv identifier")]
    public async Task Add_UnknownOrMalformedId_WritesNothing(string id, int code, string message)
    {
        var file = _archive.Write("d.md", Digest);

        var r = await Add("2501.19393", id, "--to", file);

        r.ExitCode.Should().Be(code);
        r.Error.Should().Contain(message);
        File.ReadAllText(file).Should().Be(Digest);
    }

    [Fact]
    public async Task Add_OfflineWithNothingCached_IsIncomplete()
    {
        var file = _archive.Write("d.md", Digest);
        var cache = _archive.Path("cache.db");

        var r = await CliRunner.RunAsync(["add", "--offline", "--cache", cache, "2501.19393", "--to", file], currentDirectory: _archive.Root);

        r.ExitCode.Should().Be(3, r.Error);
        r.Error.Should().Contain("could not be looked up");
        File.ReadAllText(file).Should().Be(Digest);
    }

    [Fact]
    public async Task Add_TargetInAnotherLayout_IsRefusedWithTheConvertCommand()
    {
        var file = _archive.Write("d.md", "## SLAM\n\n- 2024-12-29, **Loop Closure for Cats**, Bo Cat et.al., Paper: [http://arxiv.org/abs/2412.09999v2](http://arxiv.org/abs/2412.09999v2)\n");

        var r = await Add("2501.19393", "--to", file);

        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain($"paperdigest fmt --to canonical {file}");
    }

    [Theory]
    [InlineData("2501.19393", "2501.19393")]
    [InlineData("2501.19393v2", "2501.19393")]
    [InlineData("arXiv:2501.19393", "2501.19393")]
    [InlineData("https://arxiv.org/pdf/2501.19393v3.pdf", "2501.19393")]
    [InlineData("arxiv.org/abs/2501.19393", "2501.19393")]
    [InlineData("hep-th/9901001v1", "hep-th/9901001")]
    [InlineData("https://huggingface.co/papers/2501.19393", "2501.19393")]
    public void TryParseId_EveryForm_GivesTheUnversionedId(string given, string expected)
    {
        AddCommand.TryParseId(given, out var id).Should().BeTrue();
        id.Value.Should().Be(expected);
        id.Version.Should().BeNull();
    }
}
