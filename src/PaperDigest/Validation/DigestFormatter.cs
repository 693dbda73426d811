using PaperDigest.Parsing;
using PaperDigest.Parsing.Layouts;
using PaperDigest.Writing;

namespace PaperDigest.Validation;

/// <summary>What <see cref="DigestFormatter.Format"/> produced for one file.</summary>
public sealed record FormatResult
{
    /// <summary>Whether the file can be written in the canonical layout without losing content.</summary>
    public required bool IsFormattable { get; init; }

    /// <summary>Why the file cannot be formatted; <see langword="null"/> when it can.</summary>
    public string? Reason { get; init; }

    /// <summary>The canonical text; the original text when the file cannot be formatted.</summary>
    public required string Text { get; init; }

    /// <summary>Whether <see cref="Text"/> differs from the original.</summary>
    public bool Changed { get; init; }

    /// <summary>
    /// Source content that <see cref="Text"/> does not hold: content between entries that a conversion to the canonical
    /// layout (<see cref="DigestConverter.ToCanonical"/>) cannot attach to any entry. Empty for a plain format.
    /// </summary>
    public IReadOnlyList<DroppedContent> Dropped { get; init; } = [];
}

/// <summary>
/// Rewrites heading-link digests in the canonical layout (<see cref="DigestWriter"/>) without changing their content:
/// the result is parsed again and its records compared with the original's, and a file whose content would change (or
/// that holds content belonging to no record) is left alone.
/// </summary>
public static class DigestFormatter
{
    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal)
    {
        DiagnosticIds.StrayContent, DiagnosticIds.InvalidUtf8, DiagnosticIds.BinaryFile, DiagnosticIds.NestingTooDeep, DiagnosticIds.NumberedTitle,
    };

    /// <summary>Formats one file.</summary>
    /// <param name="source">The file.</param>
    /// <param name="parser">The parser used to check the result; <see langword="null"/> for the default.</param>
    /// <returns>The result.</returns>
    public static FormatResult Format(DigestSource source, DigestParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        parser ??= DigestParser.Default;
        var doc = source.Document;
        if (doc.Layout != HeadingLinkLayout.LayoutName)
        {
            return NotFormattable(source, $"the file is read with layout '{(doc.Layout.Length == 0 ? "none" : doc.Layout)}'; only '{HeadingLinkLayout.LayoutName}' files can be formatted");
        }

        if (doc.Diagnostics.FirstOrDefault(d => Blocking.Contains(d.Id)) is { } blocking)
        {
            return NotFormattable(source, $"{blocking.Id} at line {blocking.Span.StartLine} ({blocking.Message}) would be lost; fix it first");
        }

        var text = DigestWriter.Write(doc);
        var again = parser.Parse(text, doc.Path);
        if (!SameContent(doc, again))
        {
            return NotFormattable(source, "rewriting the file would change its content");
        }

        return new FormatResult { IsFormattable = true, Text = text, Changed = !string.Equals(text, source.Text, StringComparison.Ordinal) };
    }

    /// <summary>
    /// Whether two documents have the same preamble (blank-line runs counted as one, as the writer writes them) and entries
    /// with equal content.
    /// </summary>
    /// <param name="a">One document.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when nothing but layout differs.</returns>
    public static bool SameContent(Model.DigestDocument a, Model.DigestDocument b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (NormalisePreamble(a.Preamble) != NormalisePreamble(b.Preamble) || a.Entries.Count != b.Entries.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Entries.Count; i++)
        {
            if (!a.Entries[i].ContentEquals(b.Entries[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string NormalisePreamble(string preamble)
        => string.Join("\n\n", preamble.ReplaceLineEndings("\n").Split("\n\n").Select(p => p.Trim('\n')).Where(p => p.Length > 0));

    private static FormatResult NotFormattable(DigestSource source, string reason)
        => new() { IsFormattable = false, Reason = reason, Text = source.Text };
}
