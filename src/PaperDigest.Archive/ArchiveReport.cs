namespace PaperDigest.Archive;

/// <summary>
/// What the report shows about an indexed archive: made by <see cref="ArchiveIndex.BuildReport(int)"/>, rendered by
/// <see cref="ReportRenderer"/>.
/// </summary>
/// <remarks>
/// Public because <see cref="ArchiveIndex.BuildReport(int)"/> returns it and <see cref="ReportRenderer"/> takes it; a user
/// passes it on and reads nothing of it. What it holds is the renderer's shapes, internal.
/// </remarks>
public sealed class ArchiveReport
{
    internal ArchiveReport()
    {
    }

    /// <summary>Documents in the archive.</summary>
    internal int Documents { get; init; }

    /// <summary>Entries in the archive.</summary>
    internal int Entries { get; init; }

    /// <summary>Documents with a known date.</summary>
    internal int DatedDocuments { get; init; }

    /// <summary>Entries per ISO week (Monday first) of the files' dates, oldest first, weeks without entries included.</summary>
    internal IReadOnlyList<WeekCount> Weeks { get; init; } = [];

    /// <summary>Files and entries per layout, most entries first.</summary>
    internal IReadOnlyList<LayoutCount> Layouts { get; init; } = [];

    /// <summary>Every file, in path order.</summary>
    internal IReadOnlyList<FileSummary> Files { get; init; } = [];

    /// <summary>The most-linked GitHub repositories, most entries first.</summary>
    internal IReadOnlyList<RepositoryCount> Repositories { get; init; } = [];

    /// <summary>arXiv identifiers that appear in more than one entry.</summary>
    internal IReadOnlyList<Duplicate> Duplicates { get; init; } = [];

    /// <summary>Every error-level diagnostic, by file and line.</summary>
    internal IReadOnlyList<ReportDiagnostic> Errors { get; init; } = [];

    /// <summary>Warnings in the archive (counted, not listed).</summary>
    internal int Warnings { get; init; }
}

/// <summary>Entries in one week.</summary>
/// <param name="WeekStart">The Monday the week starts on.</param>
/// <param name="Entries">Entries in files dated that week.</param>
internal sealed record WeekCount(DateOnly WeekStart, int Entries);

/// <summary>Files and entries read with one layout.</summary>
/// <param name="Layout">The layout's name.</param>
/// <param name="Files">Files read with it.</param>
/// <param name="Entries">Entries read with it.</param>
internal sealed record LayoutCount(string Layout, int Files, int Entries);

/// <summary>One file of the archive.</summary>
/// <param name="Path">The path as indexed.</param>
/// <param name="Layout">The layout it was read with.</param>
/// <param name="Date">Its date, when known.</param>
/// <param name="Entries">Its entries.</param>
/// <param name="Errors">Its error-level diagnostics.</param>
/// <param name="Warnings">Its warnings.</param>
internal sealed record FileSummary(string Path, string Layout, DateOnly? Date, int Entries, int Errors, int Warnings);

/// <summary>A GitHub repository and how often the archive links it.</summary>
/// <param name="Name">The repository as <c>owner/name</c> (lower-case).</param>
/// <param name="Entries">Entries that link it.</param>
/// <param name="Stars">Its stars, when the enrichment cache knows them.</param>
/// <param name="State">What the enrichment cache says of it (<c>found</c>, <c>renamed</c>, <c>notFound</c>…, as <c>enrich</c> names them), when it knows.</param>
/// <param name="Archived">Whether it is archived, when known.</param>
/// <param name="FullName">Its canonical name, when known (differs from <paramref name="Name"/> when renamed).</param>
internal sealed record RepositoryCount(string Name, int Entries, int? Stars, string? State, bool? Archived, string? FullName);

/// <summary>A paper that appears more than once.</summary>
/// <param name="ArxivId">The canonical identifier.</param>
/// <param name="Title">The title of its first appearance.</param>
/// <param name="Places">Where it appears, in path and line order.</param>
internal sealed record Duplicate(string ArxivId, string Title, IReadOnlyList<SourcePlace> Places);

/// <summary>A line of a file.</summary>
/// <param name="Path">The path as indexed.</param>
/// <param name="Line">The line, 1-based.</param>
internal sealed record SourcePlace(string Path, int Line);

/// <summary>One diagnostic of the report.</summary>
/// <param name="Path">The path as indexed.</param>
/// <param name="Line">The line, 1-based.</param>
/// <param name="Column">The column, 1-based.</param>
/// <param name="Rule">The rule identifier, such as <c>PD0002</c>.</param>
/// <param name="Message">The message.</param>
internal sealed record ReportDiagnostic(string Path, int Line, int Column, string Rule, string Message);
