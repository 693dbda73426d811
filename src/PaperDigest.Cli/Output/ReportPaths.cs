using System.Collections.Concurrent;

namespace PaperDigest.Cli.Output;

/// <summary>Turns input paths into repository-relative, <c>/</c>-separated paths (for GitHub annotations and SARIF).</summary>
internal sealed class ReportPaths
{
    private readonly ConcurrentDictionary<string, string?> _rootByDir = new(StringComparer.Ordinal);

    /// <summary>The path relative to the git work tree holding it, else relative to the current folder; <c>-</c> stays <c>-</c>.</summary>
    public string RepoRelative(string? path)
    {
        if (path is null or "-")
        {
            return "-";
        }

        var full = Path.GetFullPath(path);
        var root = RootOf(Path.GetDirectoryName(full) ?? full) ?? Environment.CurrentDirectory;
        var rel = Path.GetRelativePath(root, full);
        return rel.Replace('\\', '/');
    }

    /// <summary>A relative path as a URI reference: each segment percent-escaped.</summary>
    public static string ToUri(string relativePath)
        => string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));

    private string? RootOf(string dir)
    {
        if (_rootByDir.TryGetValue(dir, out var cached))
        {
            return cached;
        }

        string? root;
        if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
        {
            root = dir;
        }
        else
        {
            var parent = Path.GetDirectoryName(dir);
            root = parent is null || parent == dir ? null : RootOf(parent);
        }

        _rootByDir[dir] = root;
        return root;
    }
}
