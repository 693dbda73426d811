namespace PaperDigest.Cli.Tests;

public class SeedValidationTests
{
    /// <summary>The reference digest, the project's own test data (tests/PaperDigest.Tests/Specs/seed).</summary>
    private static string SeedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("PaperDigest.sln not found above the test binaries."), "tests", "PaperDigest.Tests", "Specs", "seed", "input.md");
    }

    [Fact]
    public async Task Validate_Seed_ExitsZeroWithNoErrors()
    {
        using var a = new TempArchive();
        var file = a.Write("seed.md", File.ReadAllText(SeedPath()));
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().NotContain(": error ").And.EndWith("0 errors, 27 warnings, 2 info in 1 file.\n");
    }

    [Fact]
    public async Task Fmt_Seed_ThenValidate_LeavesOnlyContentFindings()
    {
        using var a = new TempArchive();
        var file = a.Write("seed.md", File.ReadAllText(SeedPath()));
        (await CliRunner.RunAsync(["fmt", file])).ExitCode.Should().Be(0);
        var r = await CliRunner.RunAsync(["validate", file]);
        r.Output.Should().NotContain("PD0109").And.EndWith("0 errors, 1 warning, 2 info in 1 file.\n");
    }

    [Fact]
    public async Task Validate_SeedQuiet_ShowsNoInfoFindings()
    {
        using var a = new TempArchive();
        var file = a.Write("seed.md", File.ReadAllText(SeedPath()));

        var all = await CliRunner.RunAsync(["validate", file]);
        var quiet = await CliRunner.RunAsync(["validate", "--quiet", file]);
        var warning = await CliRunner.RunAsync(["validate", "--min-severity", "warning", file]);

        all.Output.Should().Contain(": info ");
        quiet.ExitCode.Should().Be(0);
        quiet.Output.Should().NotContain(": info ").And.Contain(": warning ").And.EndWith("0 errors, 27 warnings, 0 info in 1 file.\n");
        quiet.Output.Split('\n').Length.Should().Be(all.Output.Split('\n').Length - 2);
        quiet.Error.Should().Be("2 findings below warning not shown.\n");
        warning.Output.Should().Be(quiet.Output);
    }

    [Fact]
    public async Task Validate_SeedMinSeverityError_HidesWarningsButTheExitCodeStillCountsThem()
    {
        using var a = new TempArchive();
        var file = a.Write("seed.md", File.ReadAllText(SeedPath()));

        var r = await CliRunner.RunAsync(["validate", "--min-severity", "error", "--max-warnings", "0", file]);

        r.Output.Should().Be("0 errors, 0 warnings, 0 info in 1 file.\n");
        r.ExitCode.Should().Be(1, "27 warnings are more than --max-warnings 0, shown or not");
        r.Error.Should().Contain("29 findings below error not shown.");
    }

    [Fact]
    public async Task Validate_MinSeverityUnknown_IsAUsageError()
    {
        var r = await CliRunner.RunAsync(["validate", "--min-severity", "loud", SeedPath()]);

        r.ExitCode.Should().Be(2);
        r.Output.Should().BeEmpty();
    }
}
