namespace PaperDigest.Archive.Tests.Infrastructure;

/// <summary>A temporary folder on disk with digest files and an index file, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public const string Abstract = "这是一段足够长的中文摘要，用来说明论文的主要贡献和实验结果，长度超过四十个字符的最低要求。";

    public TempFolder()
    {
        Root = Directory.CreateTempSubdirectory("pd-archive-").FullName;
    }

    public string Root { get; }

    public string Database => Path("index.db");

    public static string Entry(string title, string zh, string url, string? abs = null) => $"## {title}\n[{zh}]({url})\n\n{abs ?? Abstract}\n";

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        var full = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string[] Files() => Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
