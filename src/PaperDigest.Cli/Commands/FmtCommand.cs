using System.CommandLine;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest fmt</c>: rewrite digests in the canonical layout without changing their content.</summary>
internal static class FmtCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var check = new Option<bool>("--check") { Description = "Change nothing; list the files that would change and exit 1 if there are any." };
        var layout = CommonOptions.Layout();
        var command = new Command("fmt", """
            Rewrite digest files in the canonical layout ('## title', '[translated title](url)', blank line, abstract),
            keeping their content: the entries before and after are equal. Each file is written through a temporary
            file and a rename. Only files read with the heading-link layout are formatted; others are reported.

            Exit codes: 0 done (or, with --check, nothing to change); 1 files would change (--check); 2 usage or I/O error.

            Examples:
              paperdigest fmt archive/
              paperdigest fmt --check archive/
            """)
        {
            inputs, check, layout,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new Options(parseResult.GetValue(inputs) ?? [], parseResult.GetValue(check), parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout);
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(string[] Inputs, bool Check, string Layout);

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var ioFailed = false;
        var items = InputResolver.Resolve(options.Inputs, stderr, ref ioFailed, verbose: false, cancellationToken, context.CurrentDirectory);
        var parser = new DigestParser(new DigestParserOptions { Layout = options.Layout });
        var sources = await ValidateCommand.ReadAllAsync(items, parser, context, stderr, cancellationToken).ConfigureAwait(false);
        ioFailed |= sources.Count < items.Count;
        var wouldChange = 0;
        foreach (var source in sources)
        {
            var path = source.Path ?? "-";
            if (source.Document.Diagnostics.FirstOrDefault(d => d.Id == DiagnosticIds.BinaryFile) is { } binary)
            {
                // An input that cannot be used: exit 2, as in every command.
                await stderr.WriteLineAsync($"{path}: error: cannot read: {binary.Message}").ConfigureAwait(false);
                ioFailed = true;
                continue;
            }

            var result = DigestFormatter.Format(source, parser);
            if (!result.IsFormattable)
            {
                await stderr.WriteLineAsync($"{path}: not formattable: {result.Reason}").ConfigureAwait(false);
                if (path == "-" && !options.Check)
                {
                    await stdout.WriteAsync(source.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (path == "-")
            {
                if (options.Check)
                {
                    wouldChange += result.Changed ? 1 : 0;
                    if (result.Changed)
                    {
                        await stdout.WriteLineAsync("-").ConfigureAwait(false);
                    }
                }
                else
                {
                    await stdout.WriteAsync(result.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (!result.Changed)
            {
                continue;
            }

            wouldChange++;
            if (options.Check)
            {
                await stdout.WriteLineAsync(path).ConfigureAwait(false);
                continue;
            }

            try
            {
                await WriteFormattedAsync(path, result.Text, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(path).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{path}: error: cannot write: {ex.Message}").ConfigureAwait(false);
                ioFailed = true;
            }
        }

        if (options.Check && wouldChange > 0)
        {
            await stderr.WriteLineAsync($"{wouldChange} file{(wouldChange == 1 ? "" : "s")} would be reformatted.").ConfigureAwait(false);
        }

        return ioFailed ? ExitCodes.UsageOrIoError : options.Check && wouldChange > 0 ? ExitCodes.Failures : ExitCodes.Success;
    }

    /// <summary>Writes a formatted file through a temporary file and a rename: an interrupted run leaves the original whole.</summary>
    internal static Task WriteFormattedAsync(string path, string text, CancellationToken cancellationToken)
        => AtomicFile.WriteAllTextAsync(path, text, cancellationToken);
}
