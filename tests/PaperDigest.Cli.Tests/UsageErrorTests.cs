using System.CommandLine;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// A mistyped option or command is a usage error (exit 2, a suggestion, nothing read or written), never an input path:
/// <c>fmt --chek archive/</c> once rewrote a file, <c>enrich --ofline</c> went online.
/// </summary>
public sealed class UsageErrorTests
{
    private const string NotCanonical = "## T  \n[t](https://arxiv.org/abs/2501.19393)\n\n\n摘要。   \n";

    /// <summary>Every command of the tree with every one of its long options (help and version aside).</summary>
    public static TheoryData<string, string> CommandsAndOptions()
    {
        var data = new TheoryData<string, string>();
        var root = CliApp.BuildRootCommand(CliContext.Default);
        foreach (var (path, command) in Commands(root, ""))
        {
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help" and not "--version"))
            {
                data.Add(path, option.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsAndOptions))]
    public async Task Run_MisspeltOption_IsAUsageErrorThatNamesTheOptionAndTouchesNothing(string command, string option)
    {
        using var a = new TempArchive();
        var file = a.Write("digest.md", NotCanonical);
        var misspelt = option.Remove(3, 1); // --format -> --frmat
        var before = Directory.GetFileSystemEntries(a.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var r = await CliRunner.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), misspelt, file], currentDirectory: a.Root);

        r.ExitCode.Should().Be(2, r.Error);
        r.Error.Should().StartWith($"error: unknown option '{misspelt}' for 'paperdigest {command}'.").And.Contain($"'{option}'").And.Contain("Did you mean");
        r.Error.Should().NotContain("no such file");
        r.Output.Should().BeEmpty();
        File.ReadAllText(file).Should().Be(NotCanonical, "nothing is written on a usage error");
        Directory.GetFileSystemEntries(a.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Should().Equal(before);
    }

    [Theory]
    [InlineData("fmt", "--chek", "--check")]
    [InlineData("enrich", "--ofline", "--offline")]
    [InlineData("validate", "--formt", "--format")]
    [InlineData("validate", "--out", "--output")]
    [InlineData("validate", "--fromat=github", "--format")]
    public async Task Run_TyposFromTheIssue_SuggestTheOption(string command, string typed, string suggested)
    {
        using var a = new TempArchive();
        var file = a.Write("digest.md", NotCanonical);

        var r = await CliRunner.RunAsync([command, typed, "github", file], currentDirectory: a.Root);

        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain($"Did you mean '{suggested}'?").And.EndWith($"Run 'paperdigest {command} --help' for usage.\n");
        File.ReadAllText(file).Should().Be(NotCanonical);
    }

    [Fact]
    public async Task Run_UnknownShortOption_IsAUsageErrorWithoutANoisySuggestion()
    {
        var r = await CliRunner.RunAsync(["parse", "-x", "samples"]);

        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("error: unknown option '-x' for 'paperdigest parse'.\n");
    }

    [Theory]
    [InlineData("valdate", "validate")]
    [InlineData("pase", "parse")]
    [InlineData("fmtt", "fmt")]
    [InlineData("enrch", "enrich")]
    public async Task Run_MistypedCommand_SuggestsTheCommand(string typed, string suggested)
    {
        using var a = new TempArchive();
        var file = a.Write("digest.md", NotCanonical);

        var r = await CliRunner.RunAsync([typed, file]);

        r.ExitCode.Should().Be(2);
        r.Error.Should().Be($"error: unknown command '{typed}' for 'paperdigest'. Did you mean '{suggested}'?\nRun 'paperdigest --help' for usage.\n");
        r.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_NoArguments_PrintsHelp()
    {
        var r = await CliRunner.RunAsync([]);

        r.ExitCode.Should().Be(0);
        r.Output.Should().Contain("Usage:").And.Contain("validate").And.Contain("fmt");
        r.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_PathStartingWithADashAfterTheSeparator_IsTakenAsAPath()
    {
        var r = await CliRunner.RunAsync(["validate", "--", "-no-such-digest.md"]);

        r.Error.Should().NotContain("unknown option").And.Contain("-no-such-digest.md: error: no such file");
    }

    [Fact]
    public async Task Run_NegativeOptionValue_IsNotAnUnknownOption()
    {
        using var a = new TempArchive();
        var file = a.Write("digest.md", TempArchive.Entry("A Title", "一个标题", "https://arxiv.org/abs/2501.19393"));

        var r = await CliRunner.RunAsync(["validate", "--max-warnings", "-1", file]);

        r.Error.Should().NotContain("unknown option");
        r.ExitCode.Should().NotBe(2);
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            var subPath = (path + " " + sub.Name).Trim();
            yield return (subPath, sub);
            foreach (var nested in Commands(sub, subPath))
            {
                yield return nested;
            }
        }
    }
}
