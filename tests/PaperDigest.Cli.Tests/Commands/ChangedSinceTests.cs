namespace PaperDigest.Cli.Tests;

public class ChangedSinceTests
{
    private static string E(string id, string title, string? abs = null) => TempArchive.Entry(title, "中文标题", $"https://arxiv.org/abs/{id}", abs);

    [Fact]
    public async Task Validate_ChangedSince_ReportsOnlyNewAndChangedEntries()
    {
        using var repo = new TempArchive(markAsRepoRoot: false);
        repo.Git("init", "-q", "-b", "main");
        var oldFile = repo.Write("archive/2025-01-01.md", E("2501.00001", "Old Paper") + "\n" + E("2501.1", "Old Typo") + "\n" + E("2501.00003", "Will Change"));
        repo.Write("archive/2025-01-02.md", E("2501.00004", "Untouched"));
        repo.Git("add", ".");
        repo.Git("commit", "-q", "-m", "old archive");

        // A changed entry with a new problem, a new entry duplicating an old one, and a new file.
        repo.Write("archive/2025-01-01.md", E("2501.00001", "Old Paper") + "\n" + E("2501.1", "Old Typo") + "\n" + E("2501.00003v2", "Will Change"));
        var newFile = repo.Write("archive/2025-01-03.md", E("2501.00004", "Duplicate Of Old") + "\n" + E("2501.2", "New Typo"));

        var r = await CliRunner.RunAsync(["validate", "--changed-since", "HEAD", repo.Path("archive")]);
        r.ExitCode.Should().Be(1, r.Output + r.Error);
        var lines = r.Output.TrimEnd('\n').Split('\n');
        lines.Should().BeEquivalentTo(
            $"{oldFile}:12:8: info PD0106/versioned-arxiv-link: The link names version 2 of arXiv 2501.00003; link '2501.00003' without a version to always show the latest.",
            $"{newFile}:2:1: error PD0105/duplicate-arxiv-id: arXiv 2501.00004 is also listed at {repo.Path("archive/2025-01-02.md")}:2.",
            $"{newFile}:7:1: error PD0003/malformed-arxiv-id: 'https://arxiv.org/abs/2501.2' is an arXiv link with a malformed identifier.",
            "2 errors, 0 warnings, 1 info in 3 files.");

        // Without the filter the old problems are there.
        var all = await CliRunner.RunAsync(["validate", repo.Path("archive")]);
        all.Output.Should().Contain("'https://arxiv.org/abs/2501.1'").And.Contain("2025-01-02.md:2:1: error PD0105");
    }

    [Fact]
    public async Task ValidateFix_ChangedSince_FixesOnlyTheChangedEntries()
    {
        // Issue 13: --fix with --changed-since rewrote twenty untouched entries.
        using var repo = new TempArchive(markAsRepoRoot: false);
        repo.Git("init", "-q", "-b", "main");
        var untouched = E("2501.00001v1", "Old Versioned") + "\n" + E("2501.00002", "Old Trailing Spaces").Replace("\n\n", "   \n\n", StringComparison.Ordinal);
        var file = repo.Write("archive/2025-01-01.md", untouched + "\n" + E("2501.00003", "Will Change"));
        repo.Git("add", ".");
        repo.Git("commit", "-q", "-m", "old archive");
        repo.Write("archive/2025-01-01.md", untouched + "\n" + E("2501.00003v2", "Will Change"));

        var r = await CliRunner.RunAsync(["validate", "--fix", "--changed-since", "HEAD", repo.Path("archive")]);

        r.ExitCode.Should().Be(0, r.Output + r.Error);
        File.ReadAllText(file).Should().Be(untouched + "\n" + E("2501.00003", "Will Change"), "only the changed entry is fixed; the old ones stay as written");
        r.Error.Should().Contain($"{file}: fixed");

        // Without --changed-since the whole file is fixed.
        var all = await CliRunner.RunAsync(["validate", "--fix", repo.Path("archive")]);
        all.ExitCode.Should().Be(0, all.Output + all.Error);
        File.ReadAllText(file).Should().Be(E("2501.00001", "Old Versioned") + "\n" + E("2501.00002", "Old Trailing Spaces") + "\n" + E("2501.00003", "Will Change"));
    }

    [Fact]
    public async Task ValidateFix_ChangedSinceWithNothingChanged_LeavesTheFileAlone()
    {
        using var repo = new TempArchive(markAsRepoRoot: false);
        repo.Git("init", "-q", "-b", "main");
        var text = E("2501.00001v1", "Old Versioned") + "\n\n\n" + E("2501.00002", "Other");
        var file = repo.Write("a.md", text);
        repo.Git("add", ".");
        repo.Git("commit", "-q", "-m", "one");

        var r = await CliRunner.RunAsync(["validate", "--fix", "--changed-since", "HEAD", file]);

        r.ExitCode.Should().Be(0, r.Output + r.Error);
        File.ReadAllText(file).Should().Be(text);
        r.Error.Should().NotContain("fixed");
    }

    [Fact]
    public async Task Validate_ChangedSinceUnknownRef_ExitsTwoWithAClearMessage()
    {
        using var repo = new TempArchive(markAsRepoRoot: false);
        repo.Git("init", "-q", "-b", "main");
        repo.Write("a.md", E("2501.00001", "Paper"));
        repo.Git("add", ".");
        repo.Git("commit", "-q", "-m", "one");
        var r = await CliRunner.RunAsync(["validate", "--changed-since", "no-such-branch", repo.Path("a.md")]);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("unknown git revision 'no-such-branch'");
    }

    [Fact]
    public async Task Validate_ChangedSinceWithoutGit_ExitsTwoWithAClearMessage()
    {
        using var a = new TempArchive();
        var file = a.Write("a.md", E("2501.00001", "Paper"));
        var r = await CliRunner.RunAsync(["validate", "--changed-since", "HEAD", file], environment: new Dictionary<string, string?> { ["PAPERDIGEST_GIT"] = "/nonexistent/git" });
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("git is not available");
    }

    [Fact]
    public async Task Validate_ChangedSinceOutsideARepository_ExitsTwo()
    {
        using var a = new TempArchive(markAsRepoRoot: false);
        var file = a.Write("a.md", E("2501.00001", "Paper"));
        var r = await CliRunner.RunAsync(["validate", "--changed-since", "HEAD", file]);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("--changed-since");
    }
}
