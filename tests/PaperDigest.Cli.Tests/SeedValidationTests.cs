namespace PaperDigest.Cli.Tests;

public class SeedValidationTests
{
    /// <summary>The reference digest, or a skip when ../shared is not beside the checkout (same rule as PaperDigest.Tests).</summary>
    private static string SeedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
        {
            dir = dir.Parent;
        }

        var env = Environment.GetEnvironmentVariable("PAPERDIGEST_SHARED");
        var shared = !string.IsNullOrEmpty(env) && Directory.Exists(env) ? env
            : dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        var seed = shared is null ? null : Path.Combine(shared, "corpus", "seed", "000_39aab4cd44dad1ff.txt");
        Assert.SkipWhen(seed is null || !File.Exists(seed), "../shared is not beside this checkout (set PAPERDIGEST_SHARED to point at it); CI has it.");
        return seed!;
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
}
