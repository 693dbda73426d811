using System.CommandLine;
using System.Text;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;
using PaperDigest.Parsing;
using PaperDigest.Serialization;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest parse</c>: digest Markdown to JSON, JSON Lines or CSV.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: json (one array of all entries), jsonl (one entry per line, streamed) or csv.",
            DefaultValueFactory = _ => "json",
            HelpName = "json|jsonl|csv",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (through a temporary file and a rename) instead of standard output.", HelpName = "file" };
        var layout = CommonOptions.Layout();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();

        var command = new Command("parse", """
            Parse digest files into entries.

            Examples:
              paperdigest parse samples/archive
              paperdigest parse --format jsonl digests/ > entries.jsonl
              cat digest.md | paperdigest parse --format csv -
            """)
        {
            inputs, format, output, layout, verbose, quiet,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var options = new Options(
                parseResult.GetValue(inputs) ?? [],
                parseResult.GetValue(format) ?? "json",
                parseResult.GetValue(output),
                parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout,
                parseResult.GetValue(verbose),
                parseResult.GetValue(quiet));
            return await RunAsync(options, context, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(string[] Inputs, string Format, string? Output, string Layout, bool Verbose, bool Quiet);

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var failed = false;
        var items = InputResolver.Resolve(options.Inputs, stderr, ref failed, options.Verbose, cancellationToken, context.CurrentDirectory);
        if (!await LayoutCheck.CheckAsync(options.Layout, items, stderr).ConfigureAwait(false))
        {
            return ExitCodes.UsageOrIoError;
        }

        var parser = new DigestParser(new DigestParserOptions { Layout = options.Layout, ReadConfiguration = true });
        if (options.Output is not null && AtomicFile.ConflictWithInputs(options.Output, items) is { } conflict)
        {
            await stderr.WriteLineAsync($"{options.Output}: error: {conflict}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }


        if (options.Output is not null)
        {
            try
            {
                await AtomicFile.WriteAsync(options.Output, async w => failed |= await WriteAllAsync(items, parser, options, context, w, stderr, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{options.Output}: error: cannot write output: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
        }
        else
        {
            failed |= await WriteAllAsync(items, parser, options, context, stdout, stderr, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return failed ? ExitCodes.UsageOrIoError : ExitCodes.Success;
    }

    private static async Task<bool> WriteAllAsync(List<InputItem> items, DigestParser parser, Options options, CliContext context, TextWriter writer, TextWriter stderr, CancellationToken cancellationToken)
    {
        var failed = false;
        var first = true;
        if (options.Format == "json")
        {
            await writer.WriteAsync("[").ConfigureAwait(false);
        }
        else if (options.Format == "csv")
        {
            await writer.WriteLineAsync(CsvWriter.Header).ConfigureAwait(false);
        }

        // JSON is rendered to UTF-8 on the parsing threads (in parallel), so the ordered writer only copies bytes.
        var json = options.Format is "json" or "jsonl";
        var newLine = Encoding.UTF8.GetBytes(options.Format == "jsonl" ? writer.NewLine : ",\n");
        await OrderedParallel.ForEachAsync(
            items,
            async (item, ct) =>
            {
                var read = await DocumentReader.ReadAsync(item, parser, context, ct).ConfigureAwait(false);
                return (Result: read, Json: json && read.Document is { Entries.Count: > 0 } d ? DigestJson.SerializeEntriesToUtf8(d, newLine, terminate: options.Format == "jsonl") : null);
            },
            async (item, rendered) =>
            {
                var result = rendered.Result;
                if (result.Document is null)
                {
                    failed = true;
                    await stderr.WriteLineAsync($"{item.Path}: error: cannot read: {result.Error}").ConfigureAwait(false);
                    return;
                }

                var doc = result.Document;
                if (result.Failed)
                {
                    failed = true;
                }

                if (options.Verbose)
                {
                    await stderr.WriteLineAsync($"{item.Path}: layout {doc.Layout}, {doc.Entries.Count} entries").ConfigureAwait(false);
                }

                if (!options.Quiet || result.Failed)
                {
                    foreach (var d in doc.Diagnostics)
                    {
                        if (!options.Quiet || d.Severity == Model.DiagnosticSeverity.Error)
                        {
                            await stderr.WriteLineAsync(DocumentReader.Format(d, color: context.UseColor)).ConfigureAwait(false);
                        }
                    }
                }

                if (rendered.Json is { } bytes)
                {
                    if (options.Format == "json")
                    {
                        await writer.WriteAsync(first ? "\n" : ",\n").ConfigureAwait(false);
                    }

                    await WriteUtf8Async(writer, bytes, cancellationToken).ConfigureAwait(false);
                    first = false;
                }

                foreach (var entry in json ? [] : doc.Entries)
                {
                    switch (options.Format)
                    {
                        case "json":
                            await writer.WriteAsync(first ? "\n" : ",\n").ConfigureAwait(false);
                            await writer.WriteAsync(DigestJson.Serialize(entry, doc.Path)).ConfigureAwait(false);
                            break;
                        case "jsonl":
                            await writer.WriteLineAsync(DigestJson.Serialize(entry, doc.Path)).ConfigureAwait(false);
                            break;
                        default:
                            await writer.WriteLineAsync(CsvWriter.Row(entry, doc.Path)).ConfigureAwait(false);
                            break;
                    }

                    first = false;
                }

                if (options.Format == "jsonl")
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            Math.Max(4, Environment.ProcessorCount * 4),
            cancellationToken).ConfigureAwait(false);

        if (options.Format == "json")
        {
            await writer.WriteAsync(first ? "]\n" : "\n]\n").ConfigureAwait(false);
        }

        return failed;
    }

    /// <summary>Writes UTF-8 bytes: straight to the stream under a UTF-8 <see cref="StreamWriter"/>, else decoded.</summary>
    private static async Task WriteUtf8Async(TextWriter writer, byte[] bytes, CancellationToken cancellationToken)
    {
        if (writer is StreamWriter { Encoding: UTF8Encoding } stream && stream.Encoding.GetPreamble().Length == 0)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await stream.BaseStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await writer.WriteAsync(Encoding.UTF8.GetString(bytes)).ConfigureAwait(false);
        }
    }
}
