namespace PaperDigest.Model;

/// <summary>A parsed digest file: its preamble, its entries and the problems found while reading it.</summary>
public sealed record DigestDocument
{
    /// <summary>The path the document was read from, as given; <see langword="null"/> for text parsed without one.</summary>
    public string? Path { get; init; }

    /// <summary>The stable name of the layout the entries were read with, such as <c>heading-link</c>.</summary>
    public string Layout { get; init; } = "";

    /// <summary>Everything before the first entry (a date title, a preface) as Markdown, trailing spaces removed.</summary>
    public string Preamble { get; init; } = "";

    /// <summary>The entries in source order.</summary>
    public IReadOnlyList<DigestEntry> Entries { get; init; } = [];

    /// <summary>The problems found while reading, in source order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
