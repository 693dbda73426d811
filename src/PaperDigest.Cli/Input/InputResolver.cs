namespace PaperDigest.Cli.Input;

/// <summary>One input: a file or standard input.</summary>
/// <param name="Path">The file path as it will be shown, or <c>-</c> for standard input.</param>
internal sealed record InputItem(string Path)
{
    public bool IsStdin => Path == "-";
}

/// <summary>Turns command-line inputs (files, directories walked for <c>*.md</c>, <c>-</c>) into an ordered list of files.</summary>
internal static class InputResolver
{
    public static List<InputItem> Resolve(IEnumerable<string> inputs, TextWriter error, ref bool failed)
    {
        var items = new List<InputItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                items.Add(new InputItem("-"));
                continue;
            }

            if (Directory.Exists(input))
            {
                List<string> files;
                try
                {
                    files = Directory.EnumerateFiles(input, "*.md", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive })
                        .ToList();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"{input}: error: cannot read directory: {ex.Message}");
                    failed = true;
                    continue;
                }

                files.Sort(StringComparer.Ordinal);
                foreach (var f in files)
                {
                    if (seen.Add(Path.GetFullPath(f)))
                    {
                        items.Add(new InputItem(f));
                    }
                }

                continue;
            }

            if (File.Exists(input))
            {
                if (seen.Add(Path.GetFullPath(input)))
                {
                    items.Add(new InputItem(input));
                }

                continue;
            }

            error.WriteLine($"{input}: error: no such file or directory");
            failed = true;
        }

        return items;
    }
}
