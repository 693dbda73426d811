namespace PaperDigest.Model;

/// <summary>A link found in a digest entry: a Markdown link, an autolink or a bare URL.</summary>
public sealed record DigestLink
{
    /// <summary>The normalised target: repaired if it was broken; GitHub repositories as <c>https://github.com/{owner}/{repo}</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The target exactly as written in the source.</summary>
    public required string OriginalUrl { get; init; }

    /// <summary>The link text with inline markup flattened; for a bare URL, the URL as written.</summary>
    public string Text { get; init; } = "";

    /// <summary>What the link points at.</summary>
    public LinkKind Kind { get; init; }

    /// <summary>The repository owner for <see cref="LinkKind.GitHubRepository"/> links.</summary>
    public string? Owner { get; init; }

    /// <summary>The repository name for <see cref="LinkKind.GitHubRepository"/> links.</summary>
    public string? Repo { get; init; }

    /// <summary>The arXiv identifier for <see cref="LinkKind.Arxiv"/> and <see cref="LinkKind.PaperPage"/> links.</summary>
    public ArxivId? ArxivId { get; init; }

    /// <summary>Whether the URL was broken in the source and repaired (a diagnostic says so).</summary>
    public bool Repaired { get; init; }

    /// <summary>Where the link is written.</summary>
    public SourceSpan Span { get; init; }
}
