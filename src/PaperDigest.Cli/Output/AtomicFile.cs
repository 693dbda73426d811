using System.Diagnostics;
using System.Globalization;
using System.Text;
using PaperDigest.Cli.Input;

namespace PaperDigest.Cli.Output;

/// <summary>
/// Writes a file through a temporary file in the same folder and a rename, so a failed run leaves the original untouched.
/// Only a regular file (or a new path) is replaced that way: a symbolic link is followed and its target replaced, and a
/// device or FIFO (<c>/dev/null</c>, <c>/dev/stdout</c>, a named pipe) is written straight into, never replaced. The
/// temporary file is named <c>.NAME.paperdigest-PID-RANDOM.tmp</c>, so a later write of the same file recognises the
/// temporaries of runs that were killed (their process is gone) and removes them.
/// </summary>
internal static class AtomicFile
{
    private const string Marker = ".paperdigest-";
    private static readonly TimeSpan StaleAge = TimeSpan.FromDays(1);

    public static async Task WriteAsync(string path, Func<TextWriter, Task> write, CancellationToken cancellationToken)
    {
        var full = ResolveTarget(path);
        var node = FileNode.Of(full);
        if (node.Kind == FileKind.Directory)
        {
            throw new IOException($"'{path}' is a directory");
        }

        if (node.Kind is not (FileKind.Missing or FileKind.Regular))
        {
            // A device or FIFO: renaming over it would replace it with a regular file.
            await using var direct = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
            await using var directWriter = new StreamWriter(direct, new UTF8Encoding(false)) { NewLine = "\n" };
            await write(directWriter).ConfigureAwait(false);
            await directWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var dir = Path.GetDirectoryName(full) ?? ".";
        var name = Path.GetFileName(full);
        RemoveStale(dir, name);
        var temp = Path.Combine(dir, $".{name}{Marker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                await write(writer).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (node.Kind == FileKind.Regular && !OperatingSystem.IsWindows())
            {
                // The replacement keeps the permissions of the file it replaces.
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
        => WriteAsync(path, w => w.WriteAsync(text.AsMemory(), cancellationToken), cancellationToken);

    /// <summary>
    /// Why <paramref name="output"/> may not be written by a run reading <paramref name="inputs"/> (it is one of them, after
    /// resolving links), or <see langword="null"/>.
    /// </summary>
    public static string? ConflictWithInputs(string output, IEnumerable<InputItem> inputs)
    {
        var target = FileNode.Of(output);
        if (target.Kind == FileKind.Missing)
        {
            return null;
        }

        foreach (var input in inputs)
        {
            if (!input.IsStdin && FileNode.Of(input.Path).SameAs(target) && target.Kind == FileKind.Regular)
            {
                return $"the output is the input '{input.Path}'; refusing to overwrite it";
            }
        }

        return null;
    }

    /// <summary>The file a write of <paramref name="path"/> replaces: the final target when it is a symbolic link.</summary>
    internal static string ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                return Path.GetFullPath(target.FullName);
            }
        }
        catch (IOException)
        {
            // A link loop: left to the write, which reports it.
        }

        return full;
    }

    /// <summary>
    /// Removes the temporaries of <paramref name="name"/> left by runs that were killed before they could rename or delete
    /// them: their process is gone, or they are older than a day.
    /// </summary>
    internal static void RemoveStale(string dir, string name)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(dir, $".{name}{Marker}*.tmp").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var prefix = $".{name}{Marker}";
        foreach (var candidate in candidates)
        {
            var rest = Path.GetFileName(candidate)[prefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            bool stale;
            try
            {
                stale = pid != Environment.ProcessId && (!IsRunning(pid) || DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) > StaleAge);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (stale)
            {
                TryDelete(candidate);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
