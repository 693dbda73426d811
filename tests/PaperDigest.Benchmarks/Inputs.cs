using System.Text;
using System.Text.RegularExpressions;

namespace PaperDigest.Benchmarks;

/// <summary>The texts the benchmarks parse: the reference digest (tests/PaperDigest.Tests/Specs/seed).</summary>
public static partial class Inputs
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Every <c>*.md</c> file under a folder, in ordinal order (the order the CLI reads them in).</summary>
    public static string[] ArchiveFiles(string dir, bool recursive = true)
        => Directory.EnumerateFiles(dir, "*.md", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Writes each entry of a document as one JSON value, the way <c>paperdigest parse --format jsonl</c> renders them.</summary>
    public static void WriteEntries(PaperDigest.Model.DigestDocument doc, System.Text.Json.Utf8JsonWriter writer)
    {
        foreach (var entry in doc.Entries)
        {
            PaperDigest.Serialization.DigestJson.Write(writer, entry, doc.Path);
            writer.Flush();
            writer.Reset();
        }
    }

    /// <summary>
    /// The HTML any reader of a digest has to parse to get its text: each top-level HTML block, and for each table the cells
    /// whose inline HTML holds the abstract (<c>&lt;details&gt;</c>, <c>&lt;sub&gt;</c>) as one fragment, the way the table
    /// layout reads them.
    /// </summary>
    public static List<string> HtmlToRead(string text)
    {
        var fragments = new List<string>();
        foreach (var block in PaperDigest.Parsing.DigestParser.ParseMarkdown(text))
        {
            switch (block)
            {
                case Markdig.Syntax.HtmlBlock html:
                    fragments.Add(Source(text, html));
                    break;
                case Markdig.Extensions.Tables.Table table:
                    var sb = new StringBuilder();
                    foreach (var row in table.OfType<Markdig.Extensions.Tables.TableRow>())
                    {
                        foreach (var cell in row.OfType<Markdig.Extensions.Tables.TableCell>())
                        {
                            if (cell.OfType<Markdig.Syntax.LeafBlock>().Any(leaf => HasHtml(leaf.Inline)))
                            {
                                sb.Append("<div>").Append(Source(text, cell)).Append("</div>");
                            }
                        }
                    }

                    if (sb.Length > 0)
                    {
                        fragments.Add(sb.ToString());
                    }

                    break;
            }
        }

        return fragments;

        static bool HasHtml(Markdig.Syntax.Inlines.ContainerInline? root)
        {
            for (var c = root?.FirstChild; c is not null; c = c.NextSibling)
            {
                if ((c is Markdig.Syntax.Inlines.HtmlInline { Tag: { } tag } && (tag.StartsWith("<details", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("<sub", StringComparison.OrdinalIgnoreCase)))
                    || (c is Markdig.Syntax.Inlines.ContainerInline inner && HasHtml(inner)))
                {
                    return true;
                }
            }

            return false;
        }

        static string Source(string text, Markdig.Syntax.MarkdownObject node) => text.Substring(node.Span.Start, Math.Min(text.Length, node.Span.End + 1) - node.Span.Start);
    }

    /// <summary>The reference digest, the project's own test data.</summary>
    public static string Seed() => File.ReadAllText(Path.Combine(RepoRoot, "tests", "PaperDigest.Tests", "Specs", "seed", "input.md"));

    /// <summary>The seed's entries (each from its heading to the next), without anything before the first heading.</summary>
    public static IReadOnlyList<string> SeedEntries()
    {
        var seed = Seed();
        var first = seed.StartsWith("## ", StringComparison.Ordinal) ? 0 : seed.IndexOf("\n## ", StringComparison.Ordinal) + 1;
        return seed[first..].Split("\n## ").Select((e, i) => (i == 0 ? e : "## " + e).TrimEnd('\n') + "\n").ToArray();
    }

    /// <summary>A digest of <paramref name="count"/> entries: the seed's entries repeated, each given a distinct arXiv identifier.</summary>
    public static string Digest(int count, ref int serial, string title = "")
    {
        var entries = SeedEntries();
        var sb = new StringBuilder(count * 1400);
        if (title.Length > 0)
        {
            sb.Append("# ").Append(title).Append("\n\n");
        }

        for (var i = 0; i < count; i++)
        {
            var id = serial++;
            var text = ArxivLink().Replace(entries[i % entries.Count], $"https://arxiv.org/abs/{2400 + (id / 99999 % 12) + 1:D4}.{(id % 99999) + 1:D5}", 1);
            sb.Append(text).Append('\n');
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"https://arxiv\.org/abs/[0-9.]+")]
    private static partial Regex ArxivLink();

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository (PaperDigest.sln not found above the current directory).");
    }
}
