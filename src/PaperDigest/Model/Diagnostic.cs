namespace PaperDigest.Model;

/// <summary>
/// A problem found in a digest: a stable identifier (<c>PD0001</c>…), a severity, a message and the exact
/// characters it is about. Problems in content are data, never exceptions.
/// </summary>
public sealed record Diagnostic
{
    /// <summary>The stable rule identifier, such as <c>PD0001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>How serious the problem is.</summary>
    public required DiagnosticSeverity Severity { get; init; }

    /// <summary>A one-sentence description of this occurrence.</summary>
    public required string Message { get; init; }

    /// <summary>Where the problem is.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>The file the problem is in, as given to the parser; <see langword="null"/> for text parsed without a path.</summary>
    public string? Path { get; init; }

    /// <summary>The canonical arXiv identifier of the entry the problem belongs to, when there is one.</summary>
    public string? ArxivId { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => $"{Path ?? "<input>"}:{Span.StartLine}:{Span.StartColumn}: {SeverityName(Severity)} {Id}: {Message}";

    /// <summary>The lower-case name used in text output: <c>error</c>, <c>warning</c> or <c>info</c>.</summary>
    /// <param name="severity">The severity to name.</param>
    /// <returns>The name.</returns>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
