using System.Text;
using System.Text.Json.Nodes;

namespace PaperDigest.Cli.Tests;

public sealed class ParseCommandTests : IDisposable
{
    private const string DigestA = "# 2025-02-04\n\n## s1: Simple test-time scaling\n[s1：测试时缩放](https://arxiv.org/abs/2501.19393)\n\n摘要一，含逗号与\"引号\"。\n代码 https://github.com/simplescaling/s1 。\n";
    private const string DigestB = "## LIMO: Less is More\n[LIMO：少即是多](https://arxiv.org/abs/2502.03387v2)\n\n代码：https://github. com/GAIR-NLP/LIMO。\n";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("paperdigest-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Parse_JsonFormat_WritesOneArrayOfEveryEntry()
    {
        var a = Write("a.md", DigestA);
        var b = Write("b.md", DigestB);

        var result = await CliRunner.RunAsync(["parse", a, b]);

        result.ExitCode.Should().Be(0, result.Error);
        var array = JsonNode.Parse(result.Output)!.AsArray();
        array.Select(e => e!["arxivId"]!.GetValue<string>()).Should().Equal("2501.19393", "2502.03387");
        array[1]!["arxivVersion"]!.GetValue<int>().Should().Be(2);
        array[0]!["source"]!["path"]!.GetValue<string>().Should().Be(a);
        array[0]!["source"]!["line"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Parse_NoEntries_WritesAnEmptyJsonArray()
    {
        var a = Write("a.md", "");

        var result = await CliRunner.RunAsync(["parse", a]);

        result.ExitCode.Should().Be(0);
        JsonNode.Parse(result.Output)!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Parse_JsonlFormat_WritesOneEntryPerLine()
    {
        var a = Write("a.md", DigestA);
        var b = Write("b.md", DigestB);

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", a, b]);

        result.ExitCode.Should().Be(0);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(2);
        lines.Select(l => JsonNode.Parse(l)!["title"]!.GetValue<string>()).Should().Equal("s1: Simple test-time scaling", "LIMO: Less is More");
    }

    [Fact]
    public async Task Parse_CsvFormat_WritesHeaderAndQuotedRows()
    {
        var a = Write("a.md", DigestA);

        var result = await CliRunner.RunAsync(["parse", "-f", "csv", a]);

        result.ExitCode.Should().Be(0);
        var text = result.Output;
        text.Should().StartWith("path,line,column,title,translatedTitle,arxivId,arxivVersion,url,abstract,links\n");
        text.Should().Contain($"{a},3,1,s1: Simple test-time scaling,s1：测试时缩放,2501.19393,,https://arxiv.org/abs/2501.19393,\"摘要一，含逗号与\"\"引号\"\"。\n代码 https://github.com/simplescaling/s1 。\",https://github.com/simplescaling/s1\n");
    }

    [Fact]
    public async Task Parse_Directory_WalksMarkdownFilesInSortedOrder()
    {
        Write("archive/2025/b.md", DigestB);
        Write("archive/2025/a.md", DigestA);
        Write("archive/notes.txt", DigestA);
        Write("archive/0/c.MD", "## C\n[c](https://arxiv.org/abs/2502.01456)\n\n摘要。\n");

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", Path.Combine(_dir.FullName, "archive")]);

        result.ExitCode.Should().Be(0);
        result.Output.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!["arxivId"]!.GetValue<string>())
            .Should().Equal("2502.01456", "2501.19393", "2502.03387");
    }

    [Fact]
    public async Task Parse_Stdin_ReadsDashAsStandardInput()
    {
        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", "-"], DigestB);

        result.ExitCode.Should().Be(0);
        var entry = JsonNode.Parse(result.Output)!;
        entry["arxivId"]!.GetValue<string>().Should().Be("2502.03387");
        entry["source"]!["path"]!.GetValue<string>().Should().Be("-");
    }

    [Fact]
    public async Task Parse_Warnings_GoToStderrInCompilerFormatAndExitZero()
    {
        var b = Write("b.md", DigestB);

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", b]);

        result.ExitCode.Should().Be(0);
        result.Error.Should().Be($"{b}:4:4: warning PD0007: Broken URL 'https://github. com/GAIR-NLP/LIMO' read as 'https://github.com/GAIR-NLP/LIMO'.\n");
        result.Output.Should().NotContain("PD0007");
    }

    [Fact]
    public async Task Parse_Quiet_PrintsNoWarnings()
    {
        var b = Write("b.md", DigestB);

        var result = await CliRunner.RunAsync(["parse", "--quiet", b]);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Parse_MissingFile_Exits2ButStillProcessesTheOthers()
    {
        var a = Write("a.md", DigestA);
        var missing = Path.Combine(_dir.FullName, "missing.md");

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", missing, a]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain($"{missing}: error: no such file or directory");
        JsonNode.Parse(result.Output.Trim())!["arxivId"]!.GetValue<string>().Should().Be("2501.19393");
    }

    [Fact]
    public async Task Parse_BinaryFile_Exits2WithOneErrorAndStillProcessesTheOthers()
    {
        var bin = WriteBytes("bin.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D, 0x0A]);
        var b = Write("b.md", DigestB);

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", bin, b]);

        result.ExitCode.Should().Be(2);
        result.Error.Split('\n').Where(l => l.StartsWith(bin, StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().StartWith($"{bin}:1:1: error PD0011:");
        JsonNode.Parse(result.Output.Trim())!["arxivId"]!.GetValue<string>().Should().Be("2502.03387");
    }

    [Fact]
    public async Task Parse_InvalidUtf8_ReportsTheByteOffsetAndExitsZero()
    {
        var bytes = Encoding.UTF8.GetBytes(DigestB).Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();
        var path = WriteBytes("bad.md", bytes);

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", path]);

        result.ExitCode.Should().Be(0);
        result.Error.Should().Contain($"error PD0010: Invalid UTF-8 at byte offset {bytes.Length - 2}");
    }

    [Fact]
    public async Task Parse_Output_WritesTheFileAndNothingToStdout()
    {
        var a = Write("a.md", DigestA);
        var output = Path.Combine(_dir.FullName, "out", "entries.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "old contents");

        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", "--output", output, a]);

        result.ExitCode.Should().Be(0);
        result.Output.Should().BeEmpty();
        JsonNode.Parse(File.ReadAllText(output))!["arxivId"]!.GetValue<string>().Should().Be("2501.19393");
        Directory.GetFiles(Path.GetDirectoryName(output)!).Should().ContainSingle("the temporary file is renamed, not left behind");
    }

    [Fact]
    public async Task Parse_CancelledRun_LeavesTheExistingOutputUntouched()
    {
        var a = Write("a.md", DigestA);
        var output = Write("out/entries.json", "old contents");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var error = new StringWriter();
        var context = new CliContext { ErrorIsTerminal = false, GetEnvironmentVariable = _ => null };

        var code = await CliApp.RunAsync(["parse", "--output", output, a], context, new StringWriter(), error, cts.Token);

        code.Should().NotBe(0);
        File.ReadAllText(output).Should().Be("old contents");
        Directory.GetFiles(Path.GetDirectoryName(output)!).Should().ContainSingle("no temporary file is left behind");
    }

    [Fact]
    public async Task Parse_OutputInMissingDirectory_Exits2AndNamesIt()
    {
        var a = Write("a.md", DigestA);
        var output = Path.Combine(_dir.FullName, "no-such-dir", "out.json");

        var result = await CliRunner.RunAsync(["parse", "--output", output, a]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(output).And.Contain("cannot write output");
        File.Exists(output).Should().BeFalse();
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("parse --format xml a.md")]
    [InlineData("parse --layout nope a.md")]
    [InlineData("frobnicate")]
    public async Task Parse_BadArguments_Exit2WithUsageHint(string args)
    {
        var result = await CliRunner.RunAsync(args.Split(' '));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("error:").And.Contain("--help");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Parse_UnknownOption_Exits2AndNamesIt()
    {
        // System.CommandLine hands an unknown option to the inputs argument, so it is reported as a missing input.
        var result = await CliRunner.RunAsync(["parse", "--no-such-option"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--no-such-option");
    }

    [Fact]
    public async Task Parse_Help_Exits0AndShowsTheExamples()
    {
        var result = await CliRunner.RunAsync(["parse", "--help"]);

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("--format").And.Contain("paperdigest parse samples/archive");
    }
}
