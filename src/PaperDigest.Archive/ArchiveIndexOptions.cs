using PaperDigest.Enrichment.Caching;
using PaperDigest.Parsing;

namespace PaperDigest.Archive;

/// <summary>How <see cref="ArchiveIndex.IndexAsync"/> reads an archive.</summary>
public sealed record ArchiveIndexOptions
{
    /// <summary>The parser files are read with.</summary>
    /// <value>The default value is <see cref="DigestParser.Default"/> (layout detected per file).</value>
    public DigestParser Parser { get; init; } = DigestParser.Default;

    /// <summary>
    /// The enrichment cache to copy arXiv metadata and repository facts from (nothing is fetched); <see langword="null"/>
    /// leaves the <c>papers</c> and <c>repositories</c> tables as they are.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IEnrichmentCache? EnrichmentCache { get; init; }

    /// <summary>How many files are read and parsed at once.</summary>
    /// <value>The default value is <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Called on the writing thread after each file's rows are written (inside the run's transaction).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<IndexedFile>? FileIndexed { get; init; }
}

/// <summary>What happened to one file in an indexing run.</summary>
public enum IndexedFileState
{
    /// <summary>The file was not in the index and was added.</summary>
    Added = 0,

    /// <summary>The file's content changed and its rows were replaced.</summary>
    Changed = 1,

    /// <summary>The file has the same content hash as when it was indexed, and was skipped.</summary>
    Unchanged = 2,

    /// <summary>The file could not be read; its earlier rows, if any, were kept.</summary>
    Failed = 3,
}

/// <summary>One file of an indexing run.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="State">What happened to it.</param>
/// <param name="Entries">The entries read from it (0 when unchanged or failed).</param>
/// <param name="Error">Why it could not be read, when it failed.</param>
public sealed record IndexedFile(string Path, IndexedFileState State, int Entries, string? Error = null);

/// <summary>The outcome of an indexing run, committed as one transaction.</summary>
public sealed record IndexSummary
{
    /// <summary>Files added to the index.</summary>
    public int Added { get; init; }

    /// <summary>Files whose rows were replaced because their content changed.</summary>
    public int Changed { get; init; }

    /// <summary>Files skipped because their content hash is unchanged.</summary>
    public int Unchanged { get; init; }

    /// <summary>Files removed from the index because they were not among the run's files.</summary>
    public int Removed { get; init; }

    /// <summary>Files that could not be read (their earlier rows are kept).</summary>
    public IReadOnlyList<IndexedFile> Failed { get; init; } = [];

    /// <summary>Entries written in this run.</summary>
    public int EntriesWritten { get; init; }

    /// <summary>Documents in the index after the run.</summary>
    public int Documents { get; init; }

    /// <summary>Entries in the index after the run.</summary>
    public int Entries { get; init; }

    /// <summary>arXiv papers and repositories copied from the enrichment cache (0 without a cache).</summary>
    public int EnrichedRecords { get; init; }
}
