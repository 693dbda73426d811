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
        var check = new Option<bool>("--check") { Description = "Change nothing; list the files that would change (or that cannot be formatted) and exit 1 if there are any." };
        var diff = new Option<bool>("--diff") { Description = "Change nothing; print the changes as a unified diff on stdout (with --check, exit 1 if there are any)." };
        var to = new Option<string>("--to")
        {
            Description = "Convert files read in any layout to this one (only 'canonical'): every entry's title, translated title, link and abstract are kept, other fields go into the abstract after 'Source fields:'.",
            HelpName = "layout",
        };
        to.AcceptOnlyFromAmong(CanonicalTarget);
        var layout = CommonOptions.Layout();
        var command = new Command("fmt", """
            Rewrite digest files in the canonical layout ('## title', '[translated title](url)', blank line, abstract),
            keeping their content: the entries before and after are equal. Each file is written through a temporary
            file and a rename. Without --to, only files read with the heading-link layout are formatted; others are
            reported with the command that converts them, and --check fails on them. With --to canonical, files in any
            layout are converted: the converted text must read back with the same titles, links and abstracts, and
            content between entries (section headings) that no entry can hold is reported.

            Exit codes: 0 done (or, with --check, nothing to change); 1 files would change or cannot be formatted (--check); 2 usage or I/O error.

            Examples:
              paperdigest fmt archive/
              paperdigest fmt --check --diff archive/
              paperdigest fmt --to canonical other-layout.md
            """)
        {
            inputs, check, diff, to, layout,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new Options(parseResult.GetValue(inputs) ?? [], parseResult.GetValue(check), parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout)
            {
                Diff = parseResult.GetValue(diff),
                ToCanonical = parseResult.GetValue(to) is not null,
            };
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The one value <c>--to</c> takes.</summary>
    public const string CanonicalTarget = "canonical";

    internal sealed record Options(string[] Inputs, bool Check, string Layout)
    {
        /// <summary>Print a unified diff instead of writing (or listing) files.</summary>
        public bool Diff { get; init; }

        /// <summary>Convert files of any layout (<c>--to canonical</c>).</summary>
        public bool ToCanonical { get; init; }
    }

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var ioFailed = false;
        var items = InputResolver.Resolve(options.Inputs, stderr, ref ioFailed, verbose: false, cancellationToken, context.CurrentDirectory);
        if (!await LayoutCheck.CheckAsync(options.Layout, items, stderr).ConfigureAwait(false))
        {
            return ExitCodes.UsageOrIoError;
        }

        var parser = new DigestParser(new DigestParserOptions { Layout = options.Layout, ReadConfiguration = true });
        var sources = await DocumentReader.ReadSourcesAsync(items, parser, context, stderr, cancellationToken).ConfigureAwait(false);
        ioFailed |= sources.Count < items.Count;
        var wouldChange = 0;
        var unformattable = 0;
        var writes = !options.Check && !options.Diff;
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

            var result = Format(source, parser, options.ToCanonical);
            if (!result.IsFormattable)
            {
                unformattable++;
                var convert = !options.ToCanonical && source.Document.Layout != DigestLayouts.Canonical && source.Document.Entries.Count > 0
                    ? $"; convert it with: paperdigest fmt --to canonical {Quote(path)}"
                    : "";
                await stderr.WriteLineAsync($"{path}: not formattable: {result.Reason}{convert}").ConfigureAwait(false);
                if (path == "-" && writes)
                {
                    await stdout.WriteAsync(source.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            foreach (var dropped in result.Dropped)
            {
                await stderr.WriteLineAsync($"{path}:{dropped.Line}: note: not kept (between entries, no entry can hold it): {dropped.Text}").ConfigureAwait(false);
            }

            if (options.Diff)
            {
                if (result.Changed)
                {
                    wouldChange++;
                    await stdout.WriteAsync(UnifiedDiff.Create(path, source.Text, result.Text).AsMemory(), cancellationToken).ConfigureAwait(false);
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

        if (options.Check && unformattable > 0)
        {
            await stderr.WriteLineAsync($"{unformattable} file{(unformattable == 1 ? "" : "s")} cannot be formatted.").ConfigureAwait(false);
        }

        return ioFailed ? ExitCodes.UsageOrIoError : options.Check && (wouldChange > 0 || unformattable > 0) ? ExitCodes.Failures : ExitCodes.Success;
    }

    /// <summary>
    /// Formats one file: a canonical file with <see cref="DigestFormatter.Format"/>; with <paramref name="toCanonical"/>, a
    /// file that cannot be formatted that way (another layout, entry numbers, stray content) is converted.
    /// </summary>
    internal static FormatResult Format(DigestSource source, DigestParser parser, bool toCanonical)
        => toCanonical ? DigestConverter.ToCanonical(source, parser) : DigestFormatter.Format(source, parser);

    private static string Quote(string path)
        => path.Length > 0 && path.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '@' or '\\') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Writes a formatted file through a temporary file and a rename: an interrupted run leaves the original whole.</summary>
    internal static Task WriteFormattedAsync(string path, string text, CancellationToken cancellationToken)
        => AtomicFile.WriteAllTextAsync(path, text, cancellationToken);
}
