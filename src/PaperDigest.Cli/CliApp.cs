using System.CommandLine;
using System.Reflection;
using PaperDigest.Cli.Commands;

namespace PaperDigest.Cli;

/// <summary>Builds the <c>paperdigest</c> command tree and runs it; everything writes to injected writers.</summary>
internal static class CliApp
{
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("""
            PaperDigest: parse, validate, format and enrich paper-digest Markdown archives.

            Exit codes: 0 success; 1 validation errors or files to reformat; 2 usage or I/O error; 3 enrichment incomplete.
            """)
        {
            ParseCommand.Create(context),
            ValidateCommand.Create(context),
            FmtCommand.Create(context),
            EnrichCommand.Create(context),
            AddCommand.Create(context),
            IndexCommand.Create(context), SearchCommand.Create(context), ReportCommand.Create(context),
        };
        root.Add(CompletionCommand.Create(() => root));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(context);
        var parseResult = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            // No command at all: the help, not an error.
            return await root.Parse(["--help"]).InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }

        if (UsageCheck.Find(parseResult) is { Count: > 0 } usage)
        {
            // A mistyped option or command: nothing is read or written.
            foreach (var problem in usage)
            {
                await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Run '{UsageCheck.PathOf(parseResult.CommandResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var e in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'paperdigest --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        try
        {
            return await parseResult.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }
}
