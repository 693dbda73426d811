using System.Diagnostics;
using System.Text.Json;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// The drop-in CI files at the repository root: the steps of action.yml (its scripts under tools/ci/) and the entries of
/// .pre-commit-hooks.yaml, run with bash against a scratch git repository, with 'paperdigest' on PATH being this build.
/// </summary>
public sealed class CiFilesTests : IDisposable
{
    private const string Good = "## Old Paper\n[旧论文](https://arxiv.org/abs/2501.00001)\n\n" + TempArchive.Abstract + "\n";

    private static readonly string RepoRoot = FindRepoRoot();

    private readonly TempArchive _repo = new(markAsRepoRoot: false);
    private readonly string _bin = Directory.CreateTempSubdirectory("pd-shim-").FullName;

    public CiFilesTests()
    {
        Assert.SkipWhen(Bash is null || OperatingSystem.IsWindows(), "bash is not installed here.");
        var shim = Path.Combine(_bin, "paperdigest");
        // The CLI project's own output (its dependencies beside it), built in the same configuration as this test project.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var cli = Path.Combine(RepoRoot, "src", "PaperDigest.Cli", "bin", testBin.Parent!.Name, testBin.Name, "PaperDigest.Cli.dll");
        File.Exists(cli).Should().BeTrue($"the CLI is built at {cli}");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet \"{cli}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _repo.Git("init", "-q", "-b", "main");
    }

    private static string? Bash => new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_bin, recursive: true);
    }

    [Fact]
    public void ActionYml_RunsTheScriptsWithItsInputs()
    {
        var action = File.ReadAllText(Path.Combine(RepoRoot, "action.yml"));

        action.Should().Contain("using: composite")
            .And.Contain("run: bash \"$GITHUB_ACTION_PATH/tools/ci/action-install.sh\"")
            .And.Contain("run: bash \"$GITHUB_ACTION_PATH/tools/ci/action-validate.sh\"")
            .And.Contain("PD_PATHS: ${{ inputs.paths }}")
            .And.Contain("PD_CHANGED_SINCE: ${{ inputs.changed-since }}")
            .And.Contain("github/codeql-action/upload-sarif")
            .And.Contain("sarif_file: ${{ steps.validate.outputs.sarif-file }}");
        foreach (var input in new[] { "paths", "changed-since", "version", "add-source", "args", "sarif" })
        {
            action.Should().Contain($"\n  {input}:\n", "input '{0}' is declared", input);
        }
    }

    [Fact]
    public async Task ActionValidateStep_OnAPullRequest_AnnotatesOnlyTheNewEntryAndWritesSarif()
    {
        // The base branch has an old problem (a short abstract); the pull request adds an entry without a link (an error).
        _repo.Write("archive/2025-02-01.md", Good + "\n## Old Short\n[旧短](https://arxiv.org/abs/2501.00002)\n\n太短。\n");
        _repo.Git("add", ".");
        _repo.Git("commit", "-q", "-m", "base");
        _repo.Git("update-ref", "refs/remotes/origin/main", "HEAD");
        _repo.Git("checkout", "-q", "-b", "pr");
        File.AppendAllText(_repo.Path("archive/2025-02-01.md"), "\n## New Paper Without Link\n\n" + TempArchive.Abstract + "\n");
        _repo.Git("commit", "-q", "-am", "pr");
        var output = _repo.Path("github-output");
        var temp = Directory.CreateDirectory(_repo.Path("runner-temp")).FullName;

        var r = await RunBashAsync(Path.Combine(RepoRoot, "tools", "ci", "action-validate.sh"), new()
        {
            ["PD_PATHS"] = "archive",
            ["PD_SARIF"] = "true",
            ["GITHUB_BASE_REF"] = "main",
            ["GITHUB_OUTPUT"] = output,
            ["RUNNER_TEMP"] = temp,
        });

        r.ExitCode.Should().Be(1, r.Error);
        r.Output.Should().Contain("::error file=archive/2025-02-01.md,line=11,").And.Contain("PD0001");
        r.Output.Should().NotContain("PD0107", "the old problem is not in the pull request");
        File.ReadAllText(output).Should().Be($"sarif-file={Path.Combine(temp, "paperdigest.sarif")}\n");
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp, "paperdigest.sarif")));
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(x => x.GetProperty("ruleId").GetString()).Should().Contain("PD0001").And.NotContain("PD0107");
    }

    [Fact]
    public async Task ActionValidateStep_CleanArchive_Passes()
    {
        _repo.Write("archive/2025-02-01.md", Good);
        _repo.Git("add", ".");
        _repo.Git("commit", "-q", "-m", "base");

        var r = await RunBashAsync(Path.Combine(RepoRoot, "tools", "ci", "action-validate.sh"), new() { ["PD_PATHS"] = "archive", ["PD_SARIF"] = "false" });

        r.ExitCode.Should().Be(0, r.Output + r.Error);
    }

    [Fact]
    public async Task PreCommitHooks_OnStagedFiles_BlockUnfinishedAndUnformattedDigestsAndPassFixedOnes()
    {
        var hooks = File.ReadAllLines(Path.Combine(RepoRoot, ".pre-commit-hooks.yaml"))
            .Where(l => l.StartsWith("  entry: ", StringComparison.Ordinal)).Select(l => l["  entry: ".Length..]).ToList();
        hooks.Should().Equal("paperdigest validate", "paperdigest fmt --check --diff");

        _repo.Write("archive/a.md", Good);
        _repo.Write("archive/b.md", "## Unfinished   \n[TODO-paperdigest](https://arxiv.org/abs/2501.00003)\n\nTODO-paperdigest\n");
        _repo.Git("add", ".");
        var staged = _repo.Git("diff", "--cached", "--name-only", "--diff-filter=ACM", "--", "*.md").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        staged.Should().Equal("archive/a.md", "archive/b.md");

        // As pre-commit runs them: the entry, then the staged files that match.
        var validate = await RunBashAsync(null, [], $"{hooks[0]} {string.Join(' ', staged)}");
        validate.ExitCode.Should().Be(1);
        validate.Output.Should().Contain("archive/b.md").And.Contain("PD0110");
        var fmt = await RunBashAsync(null, [], $"{hooks[1]} {string.Join(' ', staged)}");
        fmt.ExitCode.Should().Be(1);
        fmt.Output.Should().Contain("-## Unfinished   \n+## Unfinished\n");

        _repo.Write("archive/b.md", "## Finished\n[已完成](https://arxiv.org/abs/2501.00003)\n\n" + TempArchive.Abstract + "\n");
        _repo.Git("add", ".");
        (await RunBashAsync(null, [], $"{hooks[0]} {string.Join(' ', staged)}")).ExitCode.Should().Be(0);
        (await RunBashAsync(null, [], $"{hooks[1]} {string.Join(' ', staged)}")).ExitCode.Should().Be(0);
    }

    private async Task<CliResult> RunBashAsync(string? script, Dictionary<string, string> env, string? command = null)
    {
        var info = new ProcessStartInfo(Bash!) { WorkingDirectory = _repo.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (script is not null)
        {
            info.ArgumentList.Add(script);
        }
        else
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(command!);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("PD_", StringComparison.Ordinal) || k == "RUNNER_TEMP").ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["PATH"] = _bin + Path.PathSeparator + info.Environment["PATH"];
        info.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(p.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PaperDigest.sln not found above the test binaries.");
    }
}
