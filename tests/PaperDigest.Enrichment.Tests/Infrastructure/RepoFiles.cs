namespace PaperDigest.Enrichment.Tests.Infrastructure;

/// <summary>Finds files of this repository (fixtures are read from the checkout, relative to the repository root).</summary>
public static class RepoFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Fixture(string relative)
        => Path.Combine(RepoRoot, "tests", "PaperDigest.Enrichment.Tests", "Fixtures", relative);

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
