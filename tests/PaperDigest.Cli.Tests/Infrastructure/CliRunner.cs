using System.Text;

namespace PaperDigest.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, string? stdin = null, IDictionary<string, string?>? environment = null, string? currentDirectory = null, bool errorIsTerminal = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var stdinBytes = Encoding.UTF8.GetBytes(stdin ?? "");
        var context = new CliContext
        {
            In = new StringReader(stdin ?? ""),
            OpenStandardInput = () => new MemoryStream(stdinBytes),
            GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out var v) ? v : null,
            ErrorIsTerminal = errorIsTerminal,
            CurrentDirectory = currentDirectory ?? Environment.CurrentDirectory,
        };
        var code = await CliApp.RunAsync(args, context, output, error, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
