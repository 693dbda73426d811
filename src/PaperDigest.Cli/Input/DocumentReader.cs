using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Input;

/// <summary>A document read from an input, or the reason it could not be read.</summary>
internal sealed record ReadResult(InputItem Input, DigestDocument? Document, string? Error, byte[]? Bytes = null)
{
    /// <summary>Whether the input could not be used at all (unreadable, or binary).</summary>
    public bool Failed => Document is null || Document.Diagnostics.Any(d => d.Id == DiagnosticIds.BinaryFile);
}

/// <summary>Reads inputs into documents; I/O problems become results, not exceptions.</summary>
internal static class DocumentReader
{
    public static async Task<ReadResult> ReadAsync(InputItem input, DigestParser parser, CliContext context, CancellationToken cancellationToken, bool keepBytes = false)
    {
        try
        {
            byte[] bytes;
            if (input.IsStdin)
            {
                using var stdin = context.OpenStandardInput();
                using var ms = new MemoryStream();
                await stdin.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
                bytes = ms.ToArray();
            }
            else
            {
                var info = new FileInfo(input.Path);
                if (info.Length > parser.Options.MaxFileBytes)
                {
                    return new ReadResult(input, null, $"the file is {info.Length} bytes, more than the limit of {parser.Options.MaxFileBytes} bytes");
                }

                bytes = await File.ReadAllBytesAsync(input.Path, cancellationToken).ConfigureAwait(false);
            }

            var doc = parser.Parse(bytes, input.IsStdin ? "-" : input.Path);
            return new ReadResult(input, doc, null, keepBytes ? bytes : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new ReadResult(input, null, ex.Message);
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
