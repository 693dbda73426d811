using System.Diagnostics;

namespace PaperDigest.Cli.Tests;

/// <summary>A temporary folder with digest files, deleted on dispose; marked as a work tree root unless a real repository is made.</summary>
public sealed class TempArchive : IDisposable
{
    public const string Abstract = "这是一段足够长的中文摘要，用来说明论文的主要贡献和实验结果，长度超过四十个字符的最低要求。";

    public TempArchive(bool markAsRepoRoot = true)
    {
        Root = Directory.CreateTempSubdirectory("pd-cli-").FullName;
        if (markAsRepoRoot)
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Root, ".git"));
        }
    }

    public string Root { get; }

    public static string Entry(string title, string zh, string url, string? abs = null) => $"## {title}\n[{zh}]({url})\n\n{abs ?? Abstract}\n";

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        var full = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", .. args])
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
