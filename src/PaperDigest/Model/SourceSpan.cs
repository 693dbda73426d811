namespace PaperDigest.Model;

/// <summary>
/// A range of characters in a source text. Lines and columns are 1-based; columns count UTF-16 code units.
/// The start is inclusive and the end is exclusive: <see cref="EndColumn"/> is the column of the character
/// just after the range, as SARIF regions expect.
/// </summary>
/// <param name="StartLine">The 1-based line of the first character.</param>
/// <param name="StartColumn">The 1-based column of the first character.</param>
/// <param name="EndLine">The 1-based line of the character just after the range.</param>
/// <param name="EndColumn">The 1-based column of the character just after the range.</param>
/// <param name="StartOffset">The 0-based UTF-16 offset of the first character.</param>
/// <param name="EndOffset">The 0-based UTF-16 offset just after the last character.</param>
public readonly record struct SourceSpan(int StartLine, int StartColumn, int EndLine, int EndColumn, int StartOffset, int EndOffset)
{
    /// <summary>An empty span at the start of a document (line 1, column 1).</summary>
    public static SourceSpan Empty { get; } = new(1, 1, 1, 1, 0, 0);

    /// <summary>The number of UTF-16 code units the span covers.</summary>
    public int Length => EndOffset - StartOffset;

    /// <inheritdoc />
    public override string ToString() => $"{StartLine}:{StartColumn}-{EndLine}:{EndColumn}";
}
