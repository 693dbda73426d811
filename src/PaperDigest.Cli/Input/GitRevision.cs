using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PaperDigest.Cli.Input;

/// <summary>Reads files as they were at a git revision (<c>git show REF:path</c>), for <c>validate --changed-since</c>.</summary>
internal sealed class GitRevision
{
    private readonly string _git;

    private GitRevision(string git, string root, string reference)
    {
        _git = git;
        Root = root;
        Reference = reference;
    }

    /// <summary>The work tree's top folder.</summary>
    public string Root { get; }

    /// <summary>The revision as given.</summary>
    public string Reference { get; }

    /// <summary>Finds the work tree holding <paramref name="directory"/> and checks that <paramref name="reference"/> names a commit.</summary>
    public static async Task<(GitRevision? Revision, string? Error)> OpenAsync(string git, string reference, string directory, CancellationToken cancellationToken)
    {
        var top = await RunAsync(git, directory, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (top.Error is not null)
        {
            return (null, top.Error);
        }

        if (top.ExitCode != 0)
        {
            return (null, $"'{directory}' is not inside a git work tree: {Encoding.UTF8.GetString(top.Stderr).Trim()}");
        }

        var root = Encoding.UTF8.GetString(top.Stdout).Trim();
        var verify = await RunAsync(git, root, ["rev-parse", "--verify", "--quiet", reference + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (verify.ExitCode != 0)
        {
            return (null, $"unknown git revision '{reference}' (is the history fetched? in GitHub Actions use actions/checkout with fetch-depth: 0)");
        }

        return (new GitRevision(git, Path.GetFullPath(root), reference), null);
    }

    /// <summary>The file's bytes at the revision, or <see langword="null"/> when it did not exist there.</summary>
    public async Task<byte[]?> ShowAsync(string path, CancellationToken cancellationToken)
    {
        // "REF:./name" is resolved against the working folder, so symbolic links in the path to the work tree do not matter.
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? Root;
        var result = await RunAsync(_git, dir, ["show", $"{Reference}:./{Path.GetFileName(full)}"], cancellationToken).ConfigureAwait(false);
        if (result.Error is not null)
        {
            throw new IOException(result.Error);
        }

        return result.ExitCode == 0 ? result.Stdout : null;
    }

    /// <summary>
    /// The full paths of the files staged in the work tree holding <paramref name="directory"/> (added, copied, modified or
    /// renamed: <c>git diff --cached</c>), for <c>validate --staged</c>.
    /// </summary>
    public static async Task<(IReadOnlySet<string>? Files, string? Error)> StagedAsync(string git, string directory, CancellationToken cancellationToken)
    {
        var top = await RunAsync(git, directory, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (top.Error is not null)
        {
            return (null, top.Error);
        }

        if (top.ExitCode != 0)
        {
            return (null, $"'{directory}' is not inside a git work tree: {Encoding.UTF8.GetString(top.Stderr).Trim()}");
        }

        var root = Path.GetFullPath(Encoding.UTF8.GetString(top.Stdout).Trim());
        var diff = await RunAsync(git, root, ["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"], cancellationToken).ConfigureAwait(false);
        if (diff.ExitCode != 0)
        {
            return (null, $"git diff --cached failed: {Encoding.UTF8.GetString(diff.Stderr).Trim()}");
        }

        var files = Encoding.UTF8.GetString(diff.Stdout).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => Path.GetFullPath(Path.Combine(root, f)))
            .ToHashSet(StringComparer.Ordinal);
        return (files, null);
    }

    private static async Task<(int ExitCode, byte[] Stdout, byte[] Stderr, string? Error)> RunAsync(string git, string directory, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(git)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("git did not start");
        }
        catch (Win32Exception ex)
        {
            return (-1, [], [], $"git is not available ('{git}': {ex.Message}); --changed-since and --staged need git on PATH");
        }

        using (process)
        {
            using var stdout = new MemoryStream();
            using var stderr = new MemoryStream();
            var o = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
            var e = process.StandardError.BaseStream.CopyToAsync(stderr, cancellationToken);
            await Task.WhenAll(o, e).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (process.ExitCode, stdout.ToArray(), stderr.ToArray(), null);
        }
    }

    public override string ToString() => $"{Reference} in {Root}";
}
