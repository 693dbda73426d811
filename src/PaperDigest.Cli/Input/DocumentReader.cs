using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Input;

/// <summary>A document read from an input, or the reason it could not be read.</summary>
internal sealed record ReadResult(InputItem Input, DigestDocument? Document, string? Error)
{
    /// <summary>Whether the input could not be used at all (unreadable, or binary).</summary>
    public bool Failed => Document is null || Document.Diagnostics.Any(d => d.Id == DiagnosticIds.BinaryFile);
}

/// <summary>Reads inputs into documents; I/O problems become results, not exceptions.</summary>
internal static class DocumentReader
{
    public static async Task<ReadResult> ReadAsync(InputItem input, DigestParser parser, CliContext context, CancellationToken cancellationToken)
    {
        var (bytes, error) = await ReadBytesAsync(input, parser.Options.MaxFileBytes, context, cancellationToken).ConfigureAwait(false);
        return bytes is null ? new ReadResult(input, null, error) : new ReadResult(input, parser.Parse(bytes, input.IsStdin ? "-" : input.Path), null);
    }

    /// <summary>
    /// Reads and parses inputs in parallel, in input order, keeping each text with its document; an input that cannot be
    /// read is reported on <paramref name="stderr"/> and left out.
    /// </summary>
    public static async Task<List<DigestSource>> ReadSourcesAsync(List<InputItem> items, DigestParser parser, CliContext context, TextWriter stderr, CancellationToken cancellationToken)
    {
        var sources = new List<DigestSource>(items.Count);
        await ForEachSourceAsync(items, parser, context, stderr, (_, source) => source, sources.Add, cancellationToken).ConfigureAwait(false);
        return sources;
    }

    /// <summary>
    /// Reads and parses inputs in parallel and adds each document to a validation session at its input position, keeping
    /// nothing else; an input that cannot be read is reported on <paramref name="stderr"/> and left out.
    /// </summary>
    /// <returns>How many inputs were read, and whether any was binary (or too large): an input that cannot be used.</returns>
    public static async Task<(int Read, bool Binary)> AddSourcesAsync(List<InputItem> items, DigestParser parser, DigestValidationSession session, CliContext context, TextWriter stderr, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<InputItem, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < items.Count; i++)
        {
            positions[items[i]] = i;
        }

        var read = 0;
        var binary = false;
        await ForEachSourceAsync(
            items,
            parser,
            context,
            stderr,
            (item, source) =>
            {
                session.Add(positions[item], source);
                return source.Document.Diagnostics.Any(d => d.Id == DiagnosticIds.BinaryFile);
            },
            isBinary =>
            {
                read++;
                binary |= isBinary;
            },
            cancellationToken).ConfigureAwait(false);
        return (read, binary);
    }

    /// <summary>
    /// The read loop both of the above share: each input's bytes read and parsed on a parallel thread, where
    /// <paramref name="parsed"/> runs; <paramref name="inOrder"/> then runs in input order. An input that cannot be read is
    /// reported on <paramref name="stderr"/> and skipped.
    /// </summary>
    private static Task ForEachSourceAsync<T>(List<InputItem> items, DigestParser parser, CliContext context, TextWriter stderr, Func<InputItem, DigestSource, T> parsed, Action<T> inOrder, CancellationToken cancellationToken)
        => OrderedParallel.ForEachAsync(
            items,
            async (item, ct) =>
            {
                var (bytes, error) = await ReadBytesAsync(item, parser.Options.MaxFileBytes, context, ct).ConfigureAwait(false);
                return bytes is null ? (Done: false, Value: default(T), Error: error) : (Done: true, Value: parsed(item, DigestSource.Parse(parser, bytes, item.Path)), Error: null);
            },
            async (item, result) =>
            {
                if (!result.Done)
                {
                    await stderr.WriteLineAsync($"{item.Path}: error: cannot read: {result.Error}").ConfigureAwait(false);
                    return;
                }

                inOrder(result.Value!);
            },
            Math.Max(2, Environment.ProcessorCount * 2),
            cancellationToken);

    /// <summary>
    /// An input's bytes (standard input, or a file no larger than <paramref name="maxBytes"/>), or why they cannot be had:
    /// I/O problems become the error, never an exception.
    /// </summary>
    public static async Task<(byte[]? Bytes, string? Error)> ReadBytesAsync(InputItem input, long maxBytes, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (input.IsStdin)
            {
                await using var stdin = context.OpenStandardInput();
                return await ReadLimitedAsync(stdin, maxBytes, cancellationToken).ConfigureAwait(false);
            }

            var info = new FileInfo(input.Path);
            if (info.Length > maxBytes)
            {
                return (null, $"the file is {info.Length} bytes, more than the limit of {maxBytes} bytes");
            }

            // A FIFO or device (or a file that grows while it is read) reports no useful length: read it as a stream, up to
            // the limit.
            await using var stream = new FileStream(input.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
            return await ReadLimitedAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>A stream's bytes, or an error once more than <paramref name="maxBytes"/> have come (an endless stream ends there).</summary>
    internal static async Task<(byte[]? Bytes, string? Error)> ReadLimitedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[1 << 16];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return (ms.ToArray(), null);
            }

            if (ms.Length + n > maxBytes)
            {
                return (null, $"the input is more than the limit of {maxBytes} bytes; stopped reading there");
            }

            ms.Write(buffer, 0, n);
        }
    }

    public static string Format(Diagnostic d, string? name = null, bool color = false)
        => $"{d.Path ?? "-"}:{d.Span.StartLine}:{d.Span.StartColumn}: {Severity(d.Severity, color)} {d.Id}{(name is null ? "" : "/" + name)}: {OneLine(d.Message)}";

    /// <summary>
    /// A message on one line: CR, LF and the other control characters (which a heading may carry into a message) are
    /// escaped as <c>\r</c>, <c>\n</c>, <c>\t</c> or <c>\u00XX</c>, so each diagnostic stays one line of the text format.
    /// </summary>
    public static string OneLine(string message)
    {
        if (!message.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !message.Contains('\u007F') && !message.Contains('\u2028') && !message.Contains('\u2029') && !message.Contains('\u0085'))
        {
            return message;
        }

        var sb = new System.Text.StringBuilder(message.Length + 8);
        foreach (var c in message)
        {
            _ = c switch
            {
                '\r' => sb.Append("\\r"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                < ' ' or '\u007F' or '\u0085' or '\u2028' or '\u2029' => sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>The severity word, in colour (red, yellow, cyan) when <paramref name="color"/> is set.</summary>
    public static string Severity(DiagnosticSeverity severity, bool color)
    {
        var word = Diagnostic.SeverityName(severity);
        if (!color)
        {
            return word;
        }

        var code = severity switch
        {
            DiagnosticSeverity.Error => "31",
            DiagnosticSeverity.Warning => "33",
            _ => "36",
        };
        return $"\u001b[{code}m{word}\u001b[0m";
    }
}
