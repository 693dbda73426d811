using PaperDigest.Cli.Commands;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Tests;

public class FmtCommandTests
{
    private const string Messy = "# 2025-02-01  \n\n\n## Paper   \n\n[论文](https://arxiv.org/abs/2501.00001)  \n\n\n" + TempArchive.Abstract + "  \n第二行。\n## Next\n[下一篇](https://arxiv.org/abs/2501.00002)\n\n" + TempArchive.Abstract;

    [Fact]
    public async Task Fmt_Check_ListsFilesThatWouldChangeAndChangesNothing()
    {
        using var a = new TempArchive();
        var messy = a.Write("messy.md", Messy);
        var clean = a.Write("clean.md", TempArchive.Entry("Clean", "干净", "https://arxiv.org/abs/2501.00003"));
        var r = await CliRunner.RunAsync(["fmt", "--check", a.Root]);
        r.ExitCode.Should().Be(1);
        r.Output.Should().Be(messy + "\n");
        File.ReadAllText(messy).Should().Be(Messy);
        File.ReadAllText(clean).Should().Be(TempArchive.Entry("Clean", "干净", "https://arxiv.org/abs/2501.00003"));
    }

    [Fact]
    public async Task Fmt_RewritesCanonicallyKeepingRecordsAndIsIdempotent()
    {
        using var a = new TempArchive();
        var file = a.Write("messy.md", Messy);
        var before = DigestParser.Default.Parse(Messy);
        var r = await CliRunner.RunAsync(["fmt", file]);
        r.ExitCode.Should().Be(0, r.Error);
        var text = File.ReadAllText(file);
        text.Should().Be("# 2025-02-01\n\n## Paper\n[论文](https://arxiv.org/abs/2501.00001)\n\n" + TempArchive.Abstract + "\n第二行。\n\n## Next\n[下一篇](https://arxiv.org/abs/2501.00002)\n\n" + TempArchive.Abstract + "\n");
        DigestFormatter.SameContent(before, DigestParser.Default.Parse(text)).Should().BeTrue();

        var again = await CliRunner.RunAsync(["fmt", "--check", file]);
        again.ExitCode.Should().Be(0);
        again.Output.Should().BeEmpty();
        var validate = await CliRunner.RunAsync(["validate", file]);
        validate.Output.Should().NotContain("PD0109");
    }

    [Fact]
    public async Task Fmt_OtherLayoutOrStrayContent_IsReportedAndLeftAlone()
    {
        using var a = new TempArchive();
        const string stray = "## Paper\n[论文](https://arxiv.org/abs/2501.00001) stray words\n\n摘要。\n";
        var file = a.Write("stray.md", stray);
        var r = await CliRunner.RunAsync(["fmt", file]);
        r.ExitCode.Should().Be(0);
        r.Error.Should().Contain("not formattable").And.Contain("PD0008");
        File.ReadAllText(file).Should().Be(stray);
    }

    [Fact]
    public async Task Fmt_InterruptedWrite_LeavesTheOriginalWholeAndNoTemporaryFile()
    {
        using var a = new TempArchive();
        var file = a.Write("messy.md", Messy);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var act = () => FmtCommand.WriteFormattedAsync(file, new string('x', 1 << 20), cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        File.ReadAllText(file).Should().Be(Messy);
        Directory.GetFiles(a.Root).Should().ContainSingle().Which.Should().Be(file);
    }

    [Fact]
    public async Task Fmt_Stdin_WritesTheFormattedTextToStdout()
    {
        var r = await CliRunner.RunAsync(["fmt", "-"], stdin: Messy);
        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith("# 2025-02-01\n\n## Paper\n[论文]");
    }
}
