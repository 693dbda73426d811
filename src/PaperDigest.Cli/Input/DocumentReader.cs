using PaperDigest.Model;
using PaperDigest.Parsing;

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
                using var ms = new MemoryStream();
                await stdin.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
                return (ms.ToArray(), null);
            }

            var info = new FileInfo(input.Path);
            if (info.Length > maxBytes)
            {
                return (null, $"the file is {info.Length} bytes, more than the limit of {maxBytes} bytes");
            }

            return (await File.ReadAllBytesAsync(input.Path, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, ex.Message);
        }
    }

    public static string Format(Diagnostic d, string? name = null, bool color = false)
        => $"{d.Path ?? "-"}:{d.Span.StartLine}:{d.Span.StartColumn}: {Severity(d.Severity, color)} {d.Id}{(name is null ? "" : "/" + name)}: {d.Message}";

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
