using System.Diagnostics;

namespace PaperDigest.Cli.Tests;

/// <summary><c>paperdigest completion</c>: the bash script is loaded in bash and asked to complete; the others are checked for every command.</summary>
public class CompletionCommandTests
{
    [Theory]
    [InlineData("va", "validate")]
    [InlineData("validate --for", "--format")]
    [InlineData("validate --format s", "sarif")]
    [InlineData("fmt --t", "--to")]
    [InlineData("fmt --to ", "canonical")]
    [InlineData("parse --layout bullet", "bullet-line")]
    [InlineData("completion f", "fish")]
    [InlineData("add --from", "--from-json")]
    public async Task Bash_LoadedInBash_CompletesCommandsOptionsAndValues(string line, string expected)
    {
        var script = await CliRunner.RunAsync(["completion", "bash"]);
        script.ExitCode.Should().Be(0);
        var completions = await CompleteInBashAsync(script.Output, line);
        completions.Should().Contain(expected);
    }

    [Fact]
    public async Task Bash_AfterACommand_OffersOnlyThatCommandsOptions()
    {
        var script = await CliRunner.RunAsync(["completion", "bash"]);
        var completions = await CompleteInBashAsync(script.Output, "fmt --");
        completions.Should().Contain(["--check", "--diff", "--to", "--layout"]).And.NotContain("--online");
    }

    [Theory]
    [InlineData("zsh", "bashcompinit")]
    [InlineData("fish", "complete -c paperdigest")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName paperdigest")]
    public async Task OtherShells_NameEveryCommandAndItsOptions(string shell, string marker)
    {
        var r = await CliRunner.RunAsync(["completion", shell]);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Contain(marker);
        foreach (var command in new[] { "parse", "validate", "fmt", "enrich", "add", "completion" })
        {
            r.Output.Should().Contain(command);
        }

        r.Output.Should().Contain("check").And.Contain("canonical").And.Contain("sarif");
    }

    [Fact]
    public async Task UnknownShell_IsAUsageError()
    {
        var r = await CliRunner.RunAsync(["completion", "tcsh"]);
        r.ExitCode.Should().Be(2);
    }

    private static async Task<List<string>> CompleteInBashAsync(string script, string line)
    {
        var bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(bash is null, "bash is not installed here.");
        var dir = Directory.CreateTempSubdirectory("pd-completion-");
        try
        {
            var file = Path.Combine(dir.FullName, "paperdigest.bash");
            await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
            var words = line.EndsWith(' ') ? [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries), ""] : line.Split(' ');
            var array = string.Join(' ', words.Select(w => $"'{w}'"));
            var info = new ProcessStartInfo(bash!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.FullName };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"source '{file}'; COMP_WORDS=(paperdigest {array}); COMP_CWORD={words.Length}; _paperdigest; printf '%s\\n' \"${{COMPREPLY[@]}}\"");
            using var p = Process.Start(info)!;
            var output = await p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
            p.ExitCode.Should().Be(0, error);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
