namespace PaperDigest.Archive;

/// <summary>A run of characters in a <see cref="SearchHit.Snippet"/> that matched the query.</summary>
/// <param name="Start">The first character, 0-based.</param>
/// <param name="Length">How many characters.</param>
public readonly record struct TextRange(int Start, int Length);

/// <summary>One entry found by <see cref="ArchiveIndex.Search"/>.</summary>
public sealed record SearchHit
{
    /// <summary>The file, as it was given when indexed.</summary>
    public required string Path { get; init; }

    /// <summary>The entry's first line in the file, 1-based.</summary>
    public required int Line { get; init; }

    /// <summary>The English title.</summary>
    public required string Title { get; init; }

    /// <summary>The translated title; empty when the entry has none.</summary>
    public string TranslatedTitle { get; init; } = "";

    /// <summary>The canonical arXiv identifier, when the entry has one.</summary>
    public string? ArxivId { get; init; }

    /// <summary>The paper link as written.</summary>
    public string Url { get; init; } = "";

    /// <summary>The file's date, when known.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>A short piece of the title or abstract around the first match, whitespace collapsed.</summary>
    public string Snippet { get; init; } = "";

    /// <summary>Where the query's terms are in <see cref="Snippet"/>.</summary>
    public IReadOnlyList<TextRange> Highlights { get; init; } = [];

    /// <summary>The bm25 score (lower is better, as SQLite gives it); 0 for a query of filters only.</summary>
    public double Score { get; init; }
}
