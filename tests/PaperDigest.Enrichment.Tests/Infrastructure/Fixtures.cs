namespace PaperDigest.Enrichment.Tests.Infrastructure;

/// <summary>The fixtures copied next to the test binaries.</summary>
public static class Fixtures
{
    public static string Dir { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "arxiv");

    public static string PathOf(string name) => Path.Combine(Dir, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
