using System.Text.Json.Nodes;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// Inputs as the other linters take them (issue 16 item 3): globs with negation, an <c>ignore</c> list in
/// <c>.paperdigest.json</c>, and <c>validate --staged</c> for pre-commit hooks.
/// </summary>
public sealed class InputGlobTests : IDisposable
{
    private readonly TempArchive _archive = new(markAsRepoRoot: false);

    public InputGlobTests()
    {
        _archive.Write("digests/2025/a.md", TempArchive.Entry("Paper A", "论文甲", "https://arxiv.org/abs/2501.00001"));
        _archive.Write("digests/drafts/b.md", TempArchive.Entry("Paper B", "论文乙", "https://arxiv.org/abs/2501.00002"));
        _archive.Write("digests/c.md", TempArchive.Entry("Paper C", "论文丙", "https://arxiv.org/abs/2501.00003"));
        _archive.Write("notes/readme.txt", "not a digest");
    }

    public void Dispose() => _archive.Dispose();

    private static List<string> Ids(CliResult result)
        => JsonNode.Parse(result.Output)!.AsArray().Select(e => (string)e!["arxivId"]!).ToList();

    [Fact]
    public async Task Parse_GlobWithNegation_ReadsWhatTheGlobMatchesLessWhatTheNegationMatches()
    {
        var result = await CliRunner.RunAsync(["parse", "digests/**/*.md", "!digests/drafts/**"], currentDirectory: _archive.Root);

        result.ExitCode.Should().Be(0, result.Error);
        Ids(result).Should().Equal("2501.00001", "2501.00003");
    }

    [Fact]
    public async Task Parse_NegationAppliesToFoldersToo()
    {
        var result = await CliRunner.RunAsync(["parse", _archive.Path("digests"), "!digests/c.md"], currentDirectory: _archive.Root);

        result.ExitCode.Should().Be(0, result.Error);
        Ids(result).Should().Equal("2501.00001", "2501.00002");
    }

    [Fact]
    public async Task Parse_GlobMatchingNothing_SaysSo()
    {
        var result = await CliRunner.RunAsync(["parse", "digests/**/*.markdown"], currentDirectory: _archive.Root);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("no file matches this pattern");
    }

    [Fact]
    public async Task Parse_ConfigIgnore_LeavesOutWalkedFilesButNotNamedOnes()
    {
        _archive.Write(".paperdigest.json", """{ "ignore": ["digests/drafts/**"] }""");

        var walked = await CliRunner.RunAsync(["parse", _archive.Path("digests")], currentDirectory: _archive.Root);
        var named = await CliRunner.RunAsync(["parse", _archive.Path("digests/drafts/b.md")], currentDirectory: _archive.Root);

        Ids(walked).Should().Equal("2501.00001", "2501.00003");
        Ids(named).Should().Equal("2501.00002");
    }

    [Fact]
    public async Task Validate_ConfigIgnoreThatIsNotAGlob_IsAConfigurationError()
    {
        _archive.Write(".paperdigest.json", """{ "ignore": [""] }""");

        var result = await CliRunner.RunAsync(["validate", _archive.Path("digests")], currentDirectory: _archive.Root);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("ignore[0] must be a non-empty glob");
    }

    [Fact]
    public async Task Validate_Staged_ChecksOnlyTheStagedFiles()
    {
        _archive.Git("init", "-q");
        _archive.Write("digests/bad.md", "## No link here\n\n" + TempArchive.Abstract + "\n");
        _archive.Git("add", "digests/2025/a.md");

        var staged = await CliRunner.RunAsync(["validate", "--staged", _archive.Path("digests")], currentDirectory: _archive.Root);
        var all = await CliRunner.RunAsync(["validate", _archive.Path("digests")], currentDirectory: _archive.Root);

        staged.ExitCode.Should().Be(0, staged.Output + staged.Error);
        staged.Output.Should().Contain("in 1 file");
        all.ExitCode.Should().Be(1, "bad.md has an error, and it is not staged");
    }

    [Fact]
    public async Task Validate_StagedWithNoDigestAmongTheInputs_ExitsZero()
    {
        _archive.Git("init", "-q");
        _archive.Git("add", "notes/readme.txt");

        var result = await CliRunner.RunAsync(["validate", "--staged", _archive.Path("digests")], currentDirectory: _archive.Root);

        result.ExitCode.Should().Be(0, result.Output + result.Error);
    }

    [Fact]
    public async Task Validate_StagedOutsideAGitWorkTree_IsAnError()
    {
        var result = await CliRunner.RunAsync(["validate", "--staged", _archive.Path("digests")], currentDirectory: _archive.Root);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--staged");
    }
}
