namespace PaperDigest.Model;

/// <summary>One paper in a digest.</summary>
public sealed record DigestEntry
{
    /// <summary>The paper's English title, inline markup flattened and whitespace collapsed.</summary>
    public required string Title { get; init; }

    /// <summary>The translated (usually Chinese) title; empty when the entry has none.</summary>
    public string TranslatedTitle { get; init; } = "";

    /// <summary>The paper's arXiv identifier (canonical, without version) and version, when the entry links arXiv.</summary>
    public ArxivId? ArxivId { get; init; }

    /// <summary>The paper link exactly as written; empty when the entry has none.</summary>
    public string Url { get; init; } = "";

    /// <summary>The abstract as plain text: paragraphs separated by a blank line, line breaks inside a paragraph kept, inline markup flattened.</summary>
    public string Abstract { get; init; } = "";

    /// <summary>The abstract as canonical Markdown source (trailing spaces removed, one blank line between blocks).</summary>
    public string AbstractMarkdown { get; init; } = "";

    /// <summary>The links found in the abstract (and, for some layouts, in the entry's other fields), in source order.</summary>
    public IReadOnlyList<DigestLink> Links { get; init; } = [];

    /// <summary>The whole entry in the source, from its first character to the end of its last block.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The title's characters in the source.</summary>
    public SourceSpan TitleSpan { get; init; }

    /// <summary>The paper link's characters in the source; equal to <see cref="TitleSpan"/> when there is no link.</summary>
    public SourceSpan LinkSpan { get; init; }

    /// <summary>
    /// Whether this entry has the same content as <paramref name="other"/>, ignoring source positions:
    /// what a round trip through the writer preserves.
    /// </summary>
    /// <param name="other">The entry to compare with.</param>
    /// <returns><see langword="true"/> when every content field is equal.</returns>
    public bool ContentEquals(DigestEntry? other)
    {
        if (other is null)
        {
            return false;
        }

        if (Title != other.Title || TranslatedTitle != other.TranslatedTitle || ArxivId != other.ArxivId
            || Url != other.Url || Abstract != other.Abstract || AbstractMarkdown != other.AbstractMarkdown
            || Links.Count != other.Links.Count)
        {
            return false;
        }

        for (var i = 0; i < Links.Count; i++)
        {
            if (Links[i] with { Span = default } != other.Links[i] with { Span = default })
            {
                return false;
            }
        }

        return true;
    }
}
