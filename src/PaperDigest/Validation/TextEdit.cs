namespace PaperDigest.Validation;

/// <summary>A replacement of a range of source characters: what a fix is made of.</summary>
/// <param name="StartOffset">The 0-based UTF-16 offset of the first character replaced.</param>
/// <param name="EndOffset">The offset just after the last character replaced (equal to <paramref name="StartOffset"/> to insert).</param>
/// <param name="NewText">The replacement text.</param>
public sealed record TextEdit(int StartOffset, int EndOffset, string NewText)
{
    /// <summary>
    /// Applies edits to a text. Edits are applied in offset order; an edit that overlaps one already applied is skipped
    /// (the next run of the fixer will see it again).
    /// </summary>
    /// <param name="text">The original text.</param>
    /// <param name="edits">The edits, in any order.</param>
    /// <returns>The edited text.</returns>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var ordered = edits.Distinct().Where(e => e.StartOffset >= 0 && e.EndOffset >= e.StartOffset && e.EndOffset <= text.Length)
            .OrderBy(e => e.StartOffset).ThenBy(e => e.EndOffset).ToList();
        var sb = new System.Text.StringBuilder(text.Length);
        var pos = 0;
        foreach (var e in ordered)
        {
            if (e.StartOffset < pos)
            {
                continue;
            }

            sb.Append(text, pos, e.StartOffset - pos).Append(e.NewText);
            pos = e.EndOffset;
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }
}
