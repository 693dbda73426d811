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

    private const string BulletLine = "## SLAM\n\n- 2024-12-29, **Loop Closure for Cats**, Bo Cat et.al., Paper: [http://arxiv.org/abs/2412.09999v2](http://arxiv.org/abs/2412.09999v2), Code: **[https://github.com/example/catloop](https://github.com/example/catloop)**\n\n## NeRF\n\n- 2024-12-30, **Mapping Fog**, Ann Author et.al., Paper: [http://arxiv.org/abs/2412.08888v1](http://arxiv.org/abs/2412.08888v1)\n";

    [Fact]
    public async Task Fmt_Check_FileInAnotherLayout_FailsNamingTheFileAndTheCommandThatConvertsIt()
    {
        using var a = new TempArchive();
        var file = a.Write("other.md", BulletLine);

        var r = await CliRunner.RunAsync(["fmt", "--check", file]);

        r.ExitCode.Should().Be(1);
        r.Error.Should().Contain($"{file}: not formattable").And.Contain($"paperdigest fmt --to canonical {file}").And.Contain("1 file cannot be formatted.");
        File.ReadAllText(file).Should().Be(BulletLine);
    }

    [Fact]
    public async Task Fmt_ToCanonical_ConvertsAnotherLayoutKeepingTitlesLinksAndFields()
    {
        using var a = new TempArchive();
        var file = a.Write("other.md", BulletLine);
        var before = DigestParser.Default.Parse(BulletLine);

        var r = await CliRunner.RunAsync(["fmt", "--to", "canonical", file]);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Be(file + "\n");
        r.Error.Should().Be($"{file}:5: note: not kept (between entries, no entry can hold it): NeRF\n");
        var after = DigestParser.Default.Parse(File.ReadAllText(file));
        after.Layout.Should().Be("heading-link");
        after.Entries.Select(e => (e.Title, e.Url, e.ArxivId)).Should().Equal(before.Entries.Select(e => (e.Title, e.Url, e.ArxivId)));
        after.Entries[0].Links.Select(l => l.Url).Should().Contain("https://github.com/example/catloop");
        after.Entries[0].Abstract.Should().Contain("Bo Cat et.al.");

        var again = await CliRunner.RunAsync(["fmt", "--check", file]);
        again.ExitCode.Should().Be(0, again.Error);
        var validate = await CliRunner.RunAsync(["validate", file]);
        validate.Output.Should().NotContain("PD0109");
    }

    [Fact]
    public async Task Fmt_ToAnythingButCanonical_IsAUsageError()
    {
        using var a = new TempArchive();
        var file = a.Write("other.md", BulletLine);

        var r = await CliRunner.RunAsync(["fmt", "--to", "bullet-line", file]);

        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("canonical");
        File.ReadAllText(file).Should().Be(BulletLine);
    }

    [Fact]
    public async Task Fmt_Diff_PrintsAUnifiedDiffAndWritesNothing()
    {
        using var a = new TempArchive();
        var file = a.Write("messy.md", "# D\n\n## Paper  \n[论文](https://arxiv.org/abs/2501.00001)\n\n\n摘要。\n");

        var r = await CliRunner.RunAsync(["fmt", "--diff", file]);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Be($"--- {file}\n+++ {file}\n@@ -1,7 +1,6 @@\n # D\n \n-## Paper  \n+## Paper\n [论文](https://arxiv.org/abs/2501.00001)\n-\n \n 摘要。\n");
        File.ReadAllText(file).Should().Be("# D\n\n## Paper  \n[论文](https://arxiv.org/abs/2501.00001)\n\n\n摘要。\n");
    }

    [Fact]
    public async Task Fmt_CheckDiff_ExitsOneWithTheDiffAndZeroWhenClean()
    {
        using var a = new TempArchive();
        var messy = a.Write("messy.md", Messy);

        var r = await CliRunner.RunAsync(["fmt", "--check", "--diff", messy]);

        r.ExitCode.Should().Be(1);
        r.Output.Should().StartWith($"--- {messy}\n+++ {messy}\n@@ -1,");
        r.Output.Should().Contain("\n-## Paper   \n").And.Contain("\n+## Paper\n");
        File.ReadAllText(messy).Should().Be(Messy);

        await CliRunner.RunAsync(["fmt", messy]);
        var clean = await CliRunner.RunAsync(["fmt", "--check", "--diff", messy]);
        clean.ExitCode.Should().Be(0);
        clean.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Fmt_DiffToCanonical_ShowsTheConversion()
    {
        using var a = new TempArchive();
        var file = a.Write("other.md", BulletLine);

        var r = await CliRunner.RunAsync(["fmt", "--diff", "--to", "canonical", file]);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Contain("+## Loop Closure for Cats\n+[](http://arxiv.org/abs/2412.09999v2)\n").And.Contain("+Source fields:\n");
        File.ReadAllText(file).Should().Be(BulletLine);
    }
}
