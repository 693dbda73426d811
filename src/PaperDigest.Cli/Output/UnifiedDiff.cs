using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace PaperDigest.Cli.Output;

/// <summary>
/// A unified diff (as <c>diff -u</c> and <c>git diff</c> print it, three lines of context) between a file and its
/// formatted text. The line matching is DiffPlex's (Myers' algorithm in linear space); the hunks are written here.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>Writes the diff from <paramref name="before"/> to <paramref name="after"/>; nothing when they are equal.</summary>
    public static string Create(string path, string before, string after)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return "";
        }

        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        var a = result.PiecesOld;
        var b = result.PiecesNew;
        var blocks = result.DiffBlocks;
        var sb = new StringBuilder();
        var (a0, b0) = Path.IsPathRooted(path) || path == "-" ? ("", "") : ("a/", "b/");
        sb.Append("--- ").Append(a0).Append(path).Append('\n');
        sb.Append("+++ ").Append(b0).Append(path).Append('\n');
        var i = 0;
        while (i < blocks.Count)
        {
            // Blocks whose context would touch go into one hunk.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context)
            {
                j++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - Context);
            var startB = Math.Max(0, blocks[i].InsertStartB - Context);
            var endA = Math.Min(a.Count, blocks[j].DeleteStartA + blocks[j].DeleteCountA + Context);
            var endB = Math.Min(b.Count, blocks[j].InsertStartB + blocks[j].InsertCountB + Context);
            sb.Append("@@ -").Append(Range(startA, endA - startA)).Append(" +").Append(Range(startB, endB - startB)).Append(" @@\n");
            var posA = startA;
            for (var k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; posA < block.DeleteStartA; posA++)
                {
                    Line(sb, ' ', a, posA);
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    Line(sb, '-', a, block.DeleteStartA + d);
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    Line(sb, '+', b, block.InsertStartB + n);
                }

                posA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; posA < endA; posA++)
            {
                Line(sb, ' ', a, posA);
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    /// <summary><c>start,count</c> with a 1-based start; an empty range is written at the line before it, as diff does.</summary>
    private static string Range(int start, int count)
        => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static void Line(StringBuilder sb, char marker, IReadOnlyList<string> lines, int index)
    {
        var line = lines[index];
        sb.Append(marker);
        if (line.EndsWith('\n'))
        {
            sb.Append(line.AsSpan(0, line.Length - (line.EndsWith("\r\n", StringComparison.Ordinal) ? 2 : 1))).Append('\n');
        }
        else
        {
            sb.Append(line).Append("\n\\ No newline at end of file\n");
        }
    }

    /// <summary>Lines with their line break kept (so a missing final newline is a difference).</summary>
    private sealed class LineChunker : IChunker
    {
        public static LineChunker Instance { get; } = new();

        public IReadOnlyList<string> Chunk(string text)
        {
            var lines = new List<string>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    lines.Add(text[start..(i + 1)]);
                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                lines.Add(text[start..]);
            }

            return lines;
        }
    }
}
