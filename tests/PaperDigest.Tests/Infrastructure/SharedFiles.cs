namespace PaperDigest.Tests.Infrastructure;

/// <summary>
/// Where the test inputs are: the reference digest and the real files whose licence allows it are in the repository
/// (<c>Specs/seed</c>, <c>Corpus/real</c>, see <c>Corpus/NOTICE.md</c>); the rest of the real collection is opt-in, read from
/// <c>PAPERDIGEST_SHARED</c> or the <c>../shared</c> folder beside the checkout when there is one.
/// </summary>
public static class SharedFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder, or <see langword="null"/> when it is not beside the checkout.</summary>
    public static string? SharedRoot
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PAPERDIGEST_SHARED");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
            {
                return env;
            }

            var dir = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>The reference digest, the project's own test data.</summary>
    public static string SeedPath { get; } = Path.Combine(RepoRoot, "tests", "PaperDigest.Tests", "Specs", "seed", "input.md");

    /// <summary>The real files copied into the repository (licences in <c>Corpus/NOTICE.md</c>).</summary>
    public static string VendoredCorpus { get; } = Path.Combine(RepoRoot, "tests", "PaperDigest.Tests", "Corpus", "real");

    /// <summary>Every real file there is: the vendored ones, and the other shared ones when the shared folder is there.</summary>
    public static IEnumerable<string> RealFiles()
    {
        var vendored = Directory.EnumerateFiles(VendoredCorpus, "*.md").Order(StringComparer.Ordinal).ToList();
        var names = vendored.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var shared = SharedRoot is { } root && Directory.Exists(Path.Combine(root, "corpus", "real"))
            ? Directory.EnumerateFiles(Path.Combine(root, "corpus", "real"), "*.md").Where(p => !names.Contains(Path.GetFileName(p))).Order(StringComparer.Ordinal).ToList()
            : new List<string>();
        return vendored.Concat(shared);
    }

    /// <summary>
    /// A real file by name: the vendored copy, else the shared one; skips the calling test with a clear message when the file
    /// is one of the opt-in ones and the shared folder is absent.
    /// </summary>
    public static string RealFile(string name)
    {
        var vendored = Path.Combine(VendoredCorpus, name);
        if (File.Exists(vendored))
        {
            return vendored;
        }

        var root = RequireShared();
        return Path.Combine(root, "corpus", "real", name);
    }

    /// <summary>Skips the calling test with a clear message when ../shared is absent.</summary>
    public static string RequireShared()
    {
        var root = SharedRoot;
        Assert.SkipWhen(root is null, "opt-in: this real file's licence does not allow copying it into the repository; set PAPERDIGEST_SHARED to the shared folder (or put it beside the checkout as ../shared) to run it.");
        return root!;
    }

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
