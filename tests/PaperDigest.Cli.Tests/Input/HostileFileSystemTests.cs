using System.Diagnostics;
using System.Text;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// Unusual file systems and outputs (issue 14): nothing a user did not ask to change is overwritten, no walk or read is
/// unbounded, and every command treats an input that cannot be used the same way. File-system cases run in a temporary
/// folder; FIFOs and devices are Linux-only and the tests skip elsewhere.
/// </summary>
public sealed class HostileFileSystemTests : IDisposable
{
    private static readonly string Digest = TempArchive.Entry("s1: Simple test-time scaling", "s1：测试时缩放", "https://arxiv.org/abs/2501.19393");

    private readonly TempArchive _archive = new();

    public void Dispose() => _archive.Dispose();

    private static void RequireLinux() => Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs, devices and statx are tested on Linux.");

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        p.ExitCode.Should().Be(0);
    }

    // 1. --output

    [Theory]
    [InlineData("parse")]
    [InlineData("validate")]
    [InlineData("enrich")]
    public async Task Output_NamingOneOfTheInputs_IsRefusedWithExit2AndTheInputKept(string command)
    {
        var input = _archive.Write("d/digest.md", Digest);
        string[] args = command == "enrich" ? [command, "--offline", "--no-cache", "--no-github", "-o", input, _archive.Path("d")] : [command, "-o", input, _archive.Path("d")];

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("refusing to overwrite it");
        File.ReadAllText(input).Should().Be(Digest);
    }

    [Fact]
    public async Task Output_ThroughASymbolicLinkToAnInput_IsRefused()
    {
        var input = _archive.Write("digest.md", Digest);
        var link = _archive.Path("out.json");
        File.CreateSymbolicLink(link, input);

        var result = await CliRunner.RunAsync(["parse", "-o", link, input]);

        result.ExitCode.Should().Be(2);
        File.ReadAllText(input).Should().Be(Digest);
    }

    [Fact]
    public async Task Output_ASymbolicLink_ReplacesItsTargetAndKeepsTheLink()
    {
        var input = _archive.Write("digest.md", Digest);
        var target = _archive.Write("out/target.json", "old");
        var link = _archive.Path("link.json");
        File.CreateSymbolicLink(link, target);

        var result = await CliRunner.RunAsync(["parse", "-o", link, input]);

        result.ExitCode.Should().Be(0, result.Error);
        new FileInfo(link).LinkTarget.Should().Be(target);
        File.ReadAllText(target).Should().Contain("\"arxivId\":\"2501.19393\"");
    }

    [Fact]
    public async Task Output_DevNull_IsWrittenIntoAndStaysACharacterDevice()
    {
        RequireLinux();
        var input = _archive.Write("digest.md", Digest);
        FileNode.Of("/dev/null").Kind.Should().Be(FileKind.CharacterDevice);

        var result = await CliRunner.RunAsync(["parse", "-o", "/dev/null", input]);

        result.ExitCode.Should().Be(0, result.Error);
        FileNode.Of("/dev/null").Kind.Should().Be(FileKind.CharacterDevice, "renaming a temporary file over it would make it a regular file");
    }

    [Fact]
    public async Task Output_AFifo_IsWrittenIntoAndStaysAFifo()
    {
        RequireLinux();
        var input = _archive.Write("digest.md", Digest);
        var fifo = _archive.Path("out.fifo");
        MakeFifo(fifo);
        var reader = Task.Run(() => File.ReadAllText(fifo), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["parse", "-f", "jsonl", "-o", fifo, input]);

        result.ExitCode.Should().Be(0, result.Error);
        (await reader).Should().Contain("\"arxivId\":\"2501.19393\"");
        FileNode.Of(fifo).Kind.Should().Be(FileKind.Fifo);
    }

    // 6. Temporary files

    [Fact]
    public async Task AtomicWrite_RemovesTheTemporariesOfKilledRunsAndKeepsThoseOfLiveOnes()
    {
        var path = _archive.Write("digest.md", Digest);
        var dead = _archive.Write($".digest.md.paperdigest-{int.MaxValue}-0123abcd.tmp", "half a file");
        var live = _archive.Write(".digest.md.paperdigest-1-0123abcd.tmp", "another run's, still going");
        var other = _archive.Write($".other.md.paperdigest-{int.MaxValue}-0123abcd.tmp", "another file's");

        await AtomicFile.WriteAllTextAsync(path, "new text", TestContext.Current.CancellationToken);

        File.ReadAllText(path).Should().Be("new text");
        File.Exists(dead).Should().BeFalse("its process is gone");
        File.Exists(live).Should().BeTrue("process 1 is running and the file is fresh");
        File.Exists(other).Should().BeTrue("only the temporaries of the file written are looked at");
        Directory.GetFiles(_archive.Root, "*.tmp", SearchOption.TopDirectoryOnly).Should().HaveCount(2);
    }

    // 7, 11, 15. Walking folders

    [Fact]
    public async Task Walk_TwoSelfLinks_ReadsEachFileOnceAndWarnsOfTheLoop()
    {
        RequireLinux();
        _archive.Write("d/digest.md", Digest);
        File.CreateSymbolicLink(_archive.Path("d/self"), ".");
        File.CreateSymbolicLink(_archive.Path("d/sub-loop"), _archive.Path("d"));

        var result = await CliRunner.RunAsync(["parse", "-f", "jsonl", _archive.Path("d")]);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        result.Error.Should().Contain("already walked");
    }

    [Fact]
    public async Task Walk_LinkOutOfTheTree_IsNotFollowed()
    {
        _archive.Write("outside/other.md", Digest);
        _archive.Write("d/digest.md", Digest.Replace("2501.19393", "2502.03387", StringComparison.Ordinal));
        File.CreateSymbolicLink(_archive.Path("d/out"), _archive.Path("outside"));

        var result = await CliRunner.RunAsync(["parse", "-f", "jsonl", "-v", _archive.Path("d")]);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("2502.03387").And.NotContain("2501.19393");
        result.Error.Should().Contain("not followed");
    }

    [Fact]
    public async Task Walk_FifoNamedLikeADigest_IsSkippedWithANoteUnderVerbose()
    {
        RequireLinux();
        _archive.Write("d/digest.md", Digest);
        MakeFifo(_archive.Path("d/pipe.md"));

        var result = await CliRunner.RunAsync(["parse", "-f", "jsonl", "-v", _archive.Path("d")]);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        result.Error.Should().Contain("pipe.md: note: skipped: a FIFO");
    }

    [Fact]
    public async Task Read_FifoNamedExplicitly_IsReadAsAStream()
    {
        RequireLinux();
        var fifo = _archive.Path("pipe.md");
        MakeFifo(fifo);
        var writer = Task.Run(() => File.WriteAllText(fifo, Digest), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["parse", "-f", "jsonl", fifo]);
        await writer;

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("2501.19393");
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("validate")]
    [InlineData("fmt")]
    public async Task Walk_FolderWithoutDigests_SaysSoAndExits2(string command)
    {
        Directory.CreateDirectory(_archive.Path("empty"));
        _archive.Write("empty/notes.txt", "not a digest");

        var result = await CliRunner.RunAsync([command, _archive.Path("empty")]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("no *.md files");
    }

    // 10. Unbounded reads

    [Fact]
    public async Task ReadLimited_EndlessStream_StopsAtTheLimitWithAnError()
    {
        var (bytes, error) = await DocumentReader.ReadLimitedAsync(new EndlessStream(), 1_000_000, TestContext.Current.CancellationToken);

        bytes.Should().BeNull();
        error.Should().Contain("more than the limit of 1000000 bytes");
    }

    [Fact]
    public async Task Read_DevZero_FailsCleanlyInsteadOfRunningOutOfMemory()
    {
        RequireLinux();

        var result = await CliRunner.RunAsync(["parse", "/dev/zero"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("/dev/zero: error: cannot read: the input is more than the limit");
    }

    // 13. One exit code for a binary file

    [Theory]
    [InlineData("parse")]
    [InlineData("validate")]
    [InlineData("fmt")]
    public async Task BinaryFile_ExitsTwoFromEveryCommand(string command)
    {
        var path = _archive.Path("binary.md");
        File.WriteAllBytes(path, [0x23, 0x20, 0x00, 0x01, 0x02, 0x0a]);

        var result = await CliRunner.RunAsync([command, path]);

        result.ExitCode.Should().Be(2, result.Error);
        File.ReadAllBytes(path).Should().Equal(0x23, 0x20, 0x00, 0x01, 0x02, 0x0a);
    }

    // 14. One line per diagnostic

    [Theory]
    [InlineData("line\rbreak", "line\\rbreak")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("tab\there\u000B\u2028", "tab\\there\\u000B\\u2028")]
    [InlineData("plain", "plain")]
    public void OneLine_EscapesLineBreaksAndControlCharacters(string message, string expected)
        => DocumentReader.OneLine(message).Should().Be(expected);

    [Fact]
    public async Task Validate_TextFormat_KeepsAHeadingsControlCharacterOnOneLine()
    {
        // No abstract: the finding's message quotes the title.
        var path = _archive.Write("digest.md", "## Title with an \u001B escape\n[标题](https://arxiv.org/abs/2501.19393)\n");

        var result = await CliRunner.RunAsync(["validate", path]);

        result.Output.Should().NotContain("\u001B").And.Contain("Title with an \\u001B escape");
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Should().OnlyContain(l => l.StartsWith(path, StringComparison.Ordinal));
    }

    // 2. The enrichment cache

    [Fact]
    public async Task Cache_NamingAFileThatIsNotACache_IsRefusedAndTheFileKept()
    {
        var input = _archive.Write("digest.md", Digest);
        var precious = _archive.Write("notes.txt", "my notes, not a database");

        var result = await CliRunner.RunAsync(["enrich", "--offline", "--no-github", "--cache", precious, input]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("is not a PaperDigest cache");
        File.ReadAllText(precious).Should().Be("my notes, not a database");
    }

    [Fact]
    public async Task Cache_AnEmptyFileOrANewPath_IsUsed()
    {
        var input = _archive.Write("digest.md", Digest);
        var empty = _archive.Write("empty.db", "");

        var result = await CliRunner.RunAsync(["enrich", "--offline", "--no-github", "--cache", empty, input]);

        result.ExitCode.Should().Be(3, "offline with an empty cache resolves nothing: " + result.Error);
        Enrichment.Caching.EnrichmentCacheFile.CanUse(empty).Should().BeTrue();
    }

    // 16. The GitHub token over plain HTTP

    [Theory]
    [InlineData("http://github.example.com/api/v3", 2)]
    [InlineData("http://127.0.0.1:9/api/v3", 3)]
    [InlineData("https://github.example.com/api/v3", 3)]
    public async Task GitHubToken_OverPlainHttp_IsRefusedUnlessTheHostIsLoopback(string apiUrl, int expected)
    {
        var input = _archive.Write("digest.md", Digest + "\n代码 https://github.com/simplescaling/s1 。\n");

        var result = await CliRunner.RunAsync(
            ["enrich", "--offline", "--cache", _archive.Path("c.db"), "--github-api-url", apiUrl, input],
            environment: new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "ghp_secretvalue" });

        result.ExitCode.Should().Be(expected, result.Error);
        (result.Output + result.Error).Should().NotContain("ghp_secretvalue");
        if (expected == 2)
        {
            result.Error.Should().Contain("refusing to send the GitHub token over plain http://");
        }
    }

    // 8. Signals

    [Fact]
    public async Task Sigterm_WhileBlockedOnAnInput_EndsTheProcessWithExit143()
    {
        RequireLinux();
        // The CLI's own build output (the test folder's copy resolves some assemblies from the ASP.NET Core framework the
        // tests reference, which the CLI alone does not have).
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var repo = testBin.Parent?.Parent?.Parent?.Parent?.Parent;
        var dll = repo is null ? "" : Path.Combine(repo.FullName, "src", "PaperDigest.Cli", "bin", testBin.Parent!.Name, testBin.Name, "PaperDigest.Cli.dll");
        Assert.SkipUnless(File.Exists(dll), "the CLI's build output is not where a build of this checkout puts it");
        var fifo = _archive.Path("never-written.md");
        MakeFifo(fifo);
        var info = new ProcessStartInfo("dotnet", [dll, "parse", fifo]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Opening a FIFO nobody writes blocks in the kernel: only the two-second watchdog can end that.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        process.ExitCode.Should().Be(143, await stderr);
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
