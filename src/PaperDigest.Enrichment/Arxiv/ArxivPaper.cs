namespace PaperDigest.Enrichment.Arxiv;

/// <summary>One author of an arXiv paper.</summary>
/// <param name="Name">The name as arXiv gives it.</param>
/// <param name="Affiliations">The affiliations, when the submitter gave them (often none).</param>
public sealed record ArxivAuthor(string Name, IReadOnlyList<string> Affiliations);

/// <summary>What arXiv knows about a paper.</summary>
public sealed record ArxivPaper
{
    /// <summary>The canonical identifier, without version (<c>2501.19393</c>, <c>astro-ph/0601001</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The version arXiv answered with (the latest when none was asked), or <see langword="null"/> when the source does not say.</summary>
    public int? Version { get; init; }

    /// <summary>The title, whitespace normalised.</summary>
    public required string Title { get; init; }

    /// <summary>The authors, in order.</summary>
    public IReadOnlyList<ArxivAuthor> Authors { get; init; } = [];

    /// <summary>The abstract, whitespace normalised.</summary>
    public string Abstract { get; init; } = "";

    /// <summary>When the first version was submitted.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>When the latest version was submitted.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The primary category, such as <c>cs.CL</c>.</summary>
    public string? PrimaryCategory { get; init; }

    /// <summary>All categories, primary first when known.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The authors' comment (pages, figures, "withdrawn"…), if any.</summary>
    public string? Comment { get; init; }

    /// <summary>The journal reference, if any.</summary>
    public string? JournalReference { get; init; }

    /// <summary>The DOIs, if any.</summary>
    public IReadOnlyList<string> Dois { get; init; } = [];

    /// <summary>The abstract page.</summary>
    public string AbsUrl { get; init; } = "";

    /// <summary>The PDF.</summary>
    public string PdfUrl { get; init; } = "";

    /// <summary>Whether the comment says the paper was withdrawn.</summary>
    public bool IsWithdrawn => Comment is { } c
        && (c.Contains("withdrawn", StringComparison.OrdinalIgnoreCase) || c.Contains("withdrawal", StringComparison.OrdinalIgnoreCase));
}

/// <summary>What became of looking up one identifier.</summary>
public enum ArxivLookupState
{
    /// <summary>The paper was found; <see cref="ArxivResult.Paper"/> holds it.</summary>
    Found = 0,

    /// <summary>The source answered, and has no such paper.</summary>
    NotFound = 1,

    /// <summary>No answer could be had (malformed identifier, remote failures, offline cache miss); <see cref="ArxivResult.Reason"/> says why.</summary>
    Failed = 2,
}

/// <summary>Which source answered.</summary>
public enum ArxivSource
{
    /// <summary>The arXiv API (<c>export.arxiv.org/api/query</c>).</summary>
    Api = 0,

    /// <summary>The abstract page (<c>arxiv.org/abs/ID</c>), the fallback when the API keeps failing.</summary>
    AbsPage = 1,

    /// <summary>A local metadata snapshot (<c>--arxiv-snapshot</c>).</summary>
    Snapshot = 2,

    /// <summary>The enrichment cache.</summary>
    Cache = 3,
}

/// <summary>The result of looking up one identifier.</summary>
/// <param name="Id">The canonical identifier (without version) the result is keyed by; for a malformed identifier, the text as given.</param>
/// <param name="State">What became of it.</param>
/// <param name="Paper">The paper, when <see cref="State"/> is <see cref="ArxivLookupState.Found"/>.</param>
/// <param name="Source">Which source answered; <see langword="null"/> when none did.</param>
/// <param name="Reason">Why, when it failed or was not found.</param>
public sealed record ArxivResult(string Id, ArxivLookupState State, ArxivPaper? Paper = null, ArxivSource? Source = null, string? Reason = null);
