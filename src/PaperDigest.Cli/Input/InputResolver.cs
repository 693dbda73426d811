using Microsoft.Extensions.FileSystemGlobbing;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Input;

/// <summary>One input: a file or standard input.</summary>
/// <param name="Path">The file path as it will be shown, or <c>-</c> for standard input.</param>
internal sealed record InputItem(string Path)
{
    public bool IsStdin => Path == "-";

    /// <summary>Whether the input is not a regular file (a FIFO or device named on the command line): read as a stream, with the size limit.</summary>
    public bool IsStream { get; init; }
}

/// <summary>
/// Turns command-line inputs (files, directories walked for <c>*.md</c>, <c>-</c>) into an ordered list of files. Each real
/// directory is walked once (by device and inode), so a symbolic link loop is reported and left, not followed forever; a
/// link to a directory outside the folder being walked is not followed; what is not a regular file (FIFO, device, socket)
/// is skipped in a walk, but read as a stream when named explicitly. The walk stops when cancelled.
/// An input with <c>*</c>, <c>?</c>, <c>[</c> or <c>{</c> is a glob (relative to the current folder), one starting with
/// <c>!</c> leaves out what it matches from every input; files found by walks and globs are also left out when they match
/// the <c>ignore</c> globs of their nearest <c>.paperdigest.json</c>. Globs are matched by
/// Microsoft.Extensions.FileSystemGlobbing; the folders under a glob are walked by the same loop-safe walk.
/// </summary>
internal static class InputResolver
{
    public static List<InputItem> Resolve(IEnumerable<string> inputs, TextWriter error, ref bool failed)
        => Resolve(inputs, error, ref failed, verbose: false, CancellationToken.None);

    public static List<InputItem> Resolve(IEnumerable<string> inputs, TextWriter error, ref bool failed, bool verbose, CancellationToken cancellationToken, string? currentDirectory = null, IReadOnlySet<string>? only = null)
    {
        var cwd = Path.GetFullPath(currentDirectory ?? Environment.CurrentDirectory);
        var items = new List<InputItem>();
        var walkedItems = new HashSet<InputItem>(ReferenceEqualityComparer.Instance);
        var seenFiles = new List<FileNode>();
        var walkedDirectories = new List<FileNode>();
        var excludes = new Matcher(StringComparison.Ordinal);
        var anyExclude = false;
        var any = false;
        foreach (var input in inputs)
        {
            if (input.Length > 1 && input[0] == '!')
            {
                excludes.AddInclude(input[1..]);
                anyExclude = true;
            }
        }

        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (input.Length > 1 && input[0] == '!')
            {
                continue;
            }

            any = true;
            if (input == "-")
            {
                items.Add(new InputItem("-"));
                continue;
            }

            if (IsGlob(input))
            {
                var (baseDir, pattern) = SplitGlob(input);
                var baseFull = Path.GetFullPath(baseDir, cwd);
                var baseNode = FileNode.Of(baseFull);
                var globbed = new List<(string Path, FileNode Node)>();
                if (baseNode.Kind == FileKind.Directory)
                {
                    var matcher = new Matcher(StringComparison.Ordinal).AddInclude(pattern);
                    globbed = Walk(baseFull, baseNode, [], error, verbose, ref failed, cancellationToken, path => matcher.Match(baseFull, path).HasMatches);
                }

                globbed.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
                foreach (var (path, file) in globbed)
                {
                    if (!seenFiles.Any(s => s.SameAs(file)))
                    {
                        seenFiles.Add(file);
                        // Shown as given (relative) when that path also reads the file from the process's folder.
                        var relative = !Path.IsPathRooted(input) && cwd == Path.GetFullPath(Environment.CurrentDirectory);
                        var item = new InputItem(relative ? Path.GetRelativePath(cwd, path) : path);
                        items.Add(item);
                        walkedItems.Add(item);
                    }
                }

                if (globbed.Count == 0)
                {
                    error.WriteLine($"{input}: warning: no file matches this pattern");
                }

                continue;
            }

            var node = FileNode.Of(input);
            switch (node.Kind)
            {
                case FileKind.Directory:
                    var files = Walk(input, node, walkedDirectories, error, verbose, ref failed, cancellationToken);
                    files.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
                    foreach (var (path, file) in files)
                    {
                        if (!seenFiles.Any(s => s.SameAs(file)))
                        {
                            seenFiles.Add(file);
                            var item = new InputItem(path);
                            items.Add(item);
                            walkedItems.Add(item);
                        }
                    }

                    if (files.Count == 0)
                    {
                        error.WriteLine($"{input}: warning: no *.md files in this directory");
                    }

                    break;
                case FileKind.Regular:
                    if (!seenFiles.Any(s => s.SameAs(node)))
                    {
                        seenFiles.Add(node);
                        items.Add(new InputItem(input));
                    }

                    break;
                case FileKind.Missing:
                    error.WriteLine($"{input}: error: no such file or directory");
                    failed = true;
                    break;
                default:
                    // A FIFO or device named explicitly: read as a stream, with the size limit.
                    items.Add(new InputItem(input) { IsStream = true });
                    break;
            }
        }

        items = Filter(items, walkedItems, anyExclude ? excludes : null, only, cwd, error, verbose);
        // With --staged, no staged digest among the inputs is the common case of a commit without digests, not an error.
        if (any && items.Count == 0 && !failed && only is null)
        {
            error.WriteLine("error: no digest files to read (no *.md file in the directories given)");
            failed = true;
        }

        return items;
    }

    /// <summary>
    /// Leaves out what the <c>!</c> globs match (every input), what the nearest configuration's <c>ignore</c> globs match
    /// (files found by walks and globs), and, for <c>--staged</c>, what is not staged.
    /// </summary>
    private static List<InputItem> Filter(List<InputItem> items, HashSet<InputItem> walked, Matcher? excludes, IReadOnlySet<string>? only, string cwd, TextWriter error, bool verbose)
    {
        var configs = new ValidationConfigResolver();
        var ignoreMatchers = new Dictionary<string, Matcher>(StringComparer.Ordinal);
        var kept = new List<InputItem>(items.Count);
        foreach (var item in items)
        {
            if (item.IsStdin)
            {
                kept.Add(item);
                continue;
            }

            var full = Path.GetFullPath(item.Path, cwd);
            if (only is not null && !only.Contains(full) && !only.Contains(RealPath(full)))
            {
                continue;
            }

            if (excludes is not null && excludes.Match(cwd, full).HasMatches)
            {
                continue;
            }

            if (walked.Contains(item) && configs.TryResolve(full, out var config, out _) && config.Ignore.Count > 0 && config.Path is not null)
            {
                if (!ignoreMatchers.TryGetValue(config.Path, out var matcher))
                {
                    matcher = new Matcher(StringComparison.Ordinal);
                    matcher.AddIncludePatterns(config.Ignore);
                    ignoreMatchers[config.Path] = matcher;
                }

                if (matcher.Match(config.BaseDirectory, full).HasMatches)
                {
                    if (verbose)
                    {
                        error.WriteLine($"{item.Path}: note: ignored by {config.Path}");
                    }

                    continue;
                }
            }

            kept.Add(item);
        }

        return kept;
    }

    private static bool IsGlob(string input) => input.AsSpan().IndexOfAny("*?[{") >= 0;

    /// <summary>A glob's folder part without wildcards (where the walk starts) and the rest, relative to it.</summary>
    private static (string BaseDirectory, string Pattern) SplitGlob(string glob)
    {
        var parts = glob.Replace('\\', '/').Split('/');
        var fixedParts = 0;
        while (fixedParts < parts.Length - 1 && !IsGlob(parts[fixedParts]))
        {
            fixedParts++;
        }

        var baseDir = string.Join('/', parts[..fixedParts]);
        if (baseDir.Length == 0)
        {
            baseDir = glob.StartsWith('/') ? "/" : ".";
        }

        return (baseDir, string.Join('/', parts[fixedParts..]));
    }

    private static List<(string Path, FileNode Node)> Walk(string root, FileNode rootNode, List<FileNode> walked, TextWriter error, bool verbose, ref bool failed, CancellationToken cancellationToken, Func<string, bool>? accept = null)
    {
        var files = new List<(string, FileNode)>();
        var rootFull = RealPath(root);
        var pending = new Stack<(string Path, FileNode Node)>();
        if (walked.Any(w => w.SameAs(rootNode)))
        {
            return files;
        }

        walked.Add(rootNode);
        pending.Push((root, rootNode));
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (dir, _) = pending.Pop();
            List<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(dir, "*", options).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{dir}: error: cannot read directory: {ex.Message}");
                failed = true;
                continue;
            }

            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var link = FileNode.Of(entry, followLinks: false);
                var node = link.Kind == FileKind.SymbolicLink ? FileNode.Of(entry) : link;
                if (node.Kind == FileKind.Directory)
                {
                    if (walked.Any(w => w.SameAs(node)))
                    {
                        if (link.Kind == FileKind.SymbolicLink)
                        {
                            error.WriteLine($"{entry}: warning: symbolic link to a directory already walked (a loop?); not followed");
                        }

                        continue;
                    }

                    if (link.Kind == FileKind.SymbolicLink && !IsUnder(RealPath(entry), rootFull))
                    {
                        if (verbose)
                        {
                            error.WriteLine($"{entry}: note: symbolic link out of {root}; not followed");
                        }

                        continue;
                    }

                    walked.Add(node);
                    pending.Push((entry, node));
                    continue;
                }

                if (accept is null ? !entry.EndsWith(".md", StringComparison.OrdinalIgnoreCase) : !accept(entry))
                {
                    continue;
                }

                if (node.Kind == FileKind.Regular)
                {
                    files.Add((entry, node));
                }
                else if (verbose)
                {
                    var what = node.Kind switch
                    {
                        FileKind.Missing => "a broken symbolic link",
                        FileKind.Fifo => "a FIFO",
                        FileKind.CharacterDevice or FileKind.BlockDevice => "a device",
                        FileKind.Socket => "a socket",
                        _ => "not a regular file",
                    };
                    error.WriteLine($"{entry}: note: skipped: {what}");
                }
            }
        }

        return files;
    }

    private static bool IsUnder(string path, string root)
        => path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link in it resolved (as far as it exists).</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            try
            {
                FileSystemInfo info = new FileInfo(next);
                if (info.LinkTarget is not null)
                {
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is not null)
                    {
                        next = Path.GetFullPath(target.FullName);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }

            current = next;
        }

        return current;
    }
}
