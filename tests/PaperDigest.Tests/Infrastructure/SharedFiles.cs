namespace PaperDigest.Tests.Infrastructure;

/// <summary>Finds the repository root and the <c>../shared</c> folder beside it.</summary>
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

    public static string SeedPath => Path.Combine(SharedRoot ?? "", "corpus", "seed", "000_39aab4cd44dad1ff.txt");

    /// <summary>Skips the calling test with a clear message when ../shared is absent.</summary>
    public static string RequireShared()
    {
        var root = SharedRoot;
        Assert.SkipWhen(root is null, "../shared is not beside this checkout (set PAPERDIGEST_SHARED to point at it); CI has it.");
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
