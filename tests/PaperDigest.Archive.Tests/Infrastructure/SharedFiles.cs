namespace PaperDigest.Archive.Tests.Infrastructure;

/// <summary>Finds the repository root and the real corpus in <c>../shared</c> beside it.</summary>
public static class SharedFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The real corpus folder (<c>../shared/corpus</c>), or <see langword="null"/> when absent.</summary>
    public static string? Corpus
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PAPERDIGEST_SHARED");
            var root = !string.IsNullOrEmpty(env) && Directory.Exists(env) ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            var corpus = Path.Combine(root, "corpus");
            return Directory.Exists(corpus) ? corpus : null;
        }
    }

    /// <summary>Skips the calling test with a clear message when ../shared is absent.</summary>
    public static string RequireCorpus()
    {
        var corpus = Corpus;
        Assert.SkipWhen(corpus is null, "../shared/corpus is not beside this checkout (set PAPERDIGEST_SHARED to point at ../shared); CI has it.");
        return corpus!;
    }

    /// <summary>The corpus's digest files (*.md), in ordinal order.</summary>
    public static string[] CorpusFiles(string corpus)
        => Directory.EnumerateFiles(corpus, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PaperDigest.sln not found above the test binaries.");
    }
}
