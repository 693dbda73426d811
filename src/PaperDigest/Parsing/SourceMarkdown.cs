using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PaperDigest.Parsing;

/// <summary>
/// The Markdown of one document's source ranges: canonical Markdown of blocks and ranges (with the plain text beside it
/// where one string serves both), and the document's titles remembered.
/// </summary>
internal sealed class SourceMarkdown
{
    private readonly SourceText _source;
    private readonly IReadOnlyList<(int Start, int End)> _neutralised;
    private readonly int _titleCapacity;
    private Dictionary<Inline, string>? _titles;

    /// <summary>Creates the Markdown helpers of one document.</summary>
    /// <param name="source">The document's source text.</param>
    /// <param name="neutralised">The source ranges <see cref="NestingGuard"/> neutralised before Markdig saw the text.</param>
    /// <param name="blockCount">The number of top-level blocks, which bounds the initial size of the title cache.</param>
    internal SourceMarkdown(SourceText source, IReadOnlyList<(int Start, int End)> neutralised, int blockCount)
    {
        _source = source;
        _neutralised = neutralised;
        _titleCapacity = Math.Min(1024, blockCount);
    }

    private string Text => _source.Text;

    /// <summary>
    /// <see cref="MarkdownText.TitleText(Inline?)"/>, remembered for this document: layouts detecting themselves and the layout reading
    /// the entries ask for the same headings' titles.
    /// </summary>
    /// <param name="inline">The inline content.</param>
    /// <returns>The title text.</returns>
    public string CachedTitleText(Inline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        _titles ??= new Dictionary<Inline, string>(_titleCapacity, ReferenceEqualityComparer.Instance);
        if (!_titles.TryGetValue(inline, out var title))
        {
            title = MarkdownText.TitleText(inline);
            _titles.Add(inline, title);
        }

        return title;
    }

    /// <summary>
    /// <see cref="MarkdownText.BlocksText"/> and <see cref="BlocksMarkdown"/> of the same blocks. In the common case (plain paragraphs
    /// already in canonical form, no markup, escapes or entities) the two are the same characters, and one string serves.
    /// </summary>
    /// <param name="blocks">The blocks.</param>
    /// <returns>The plain text and the canonical Markdown.</returns>
    internal (string Text, string Markdown) BlocksTextAndMarkdown(IReadOnlyList<Block> blocks)
    {
        var markdown = TryVerbatimMarkdown(blocks);
        if (markdown is null)
        {
            return (MarkdownText.BlocksText(blocks), CanonicalBlocksMarkdown(blocks));
        }

        return (MarkdownText.IsPlainVerbatim(blocks, markdown) && !Overlaps(_neutralised, blocks[0].Span.Start, MarkdownText.BlockEnd(blocks[^1]) + 1) ? markdown : MarkdownText.BlocksText(blocks), markdown);
    }

    private static bool Overlaps(IReadOnlyList<(int Start, int End)> ranges, int start, int end)
    {
        foreach (var (s, e) in ranges)
        {
            if (s < end && e >= start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The canonical Markdown source of blocks: each block's source with line endings as <c>\n</c> and trailing spaces
    /// removed (except inside code blocks), one blank line between blocks.
    /// </summary>
    /// <param name="blocks">The blocks.</param>
    /// <returns>The Markdown.</returns>
    public string BlocksMarkdown(IEnumerable<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return blocks is IReadOnlyList<Block> list && TryVerbatimMarkdown(list) is { } verbatim ? verbatim : CanonicalBlocksMarkdown(blocks);
    }

    /// <summary>
    /// Written between a list and a block that a blank line alone would join to it (the blocks were apart in the source, with
    /// a thematic break, a section heading or a link definition between them that is not part of the field): the empty
    /// HTML comment CommonMark suggests for ending a list, which reads back as no text.
    /// </summary>
    internal const string ListEnd = "<!-- -->";

    /// <summary><see cref="BlocksMarkdown"/> line by line, without the verbatim shortcut (tests compare the two).</summary>
    internal string CanonicalBlocksMarkdown(IEnumerable<Block> blocks)
    {
        var sb = StringBuilderCache.Acquire(1024);
        Block? previous = null;
        foreach (var b in blocks)
        {
            var mark = sb.Length;
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
                if (previous is ListBlock list && JoinsList(list, b))
                {
                    sb.Append(ListEnd).Append("\n\n");
                }
            }

            var contentStart = sb.Length;
            AppendCanonicalSource(sb, b.Span.Start, MarkdownText.BlockEnd(b) + 1, b is CodeBlock);
            if (sb.Length <= contentStart)
            {
                sb.Length = mark;
                continue;
            }

            previous = b;
        }

        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// Whether a block written a blank line after a list would be read as part of it: a list of the same kind (it continues
    /// the list) or an indented block (it continues the last item).
    /// </summary>
    private bool JoinsList(ListBlock list, Block next)
    {
        if (next is ListBlock other)
        {
            return other.IsOrdered == list.IsOrdered && other.BulletType == list.BulletType && other.OrderedDelimiter == list.OrderedDelimiter;
        }

        var start = Math.Clamp(next.Span.Start, 0, Text.Length);
        var lineStart = _source.LineStart(_source.LineOf(start));
        // Written from the start of its line (see AppendCanonicalSource): indented if that line starts with a blank.
        return start < Text.Length && Text[lineStart] is ' ' or '\t' && Text.AsSpan(lineStart, start - lineStart).IsWhiteSpace();
    }

    /// <summary>
    /// The common case of <see cref="BlocksMarkdown"/> in one copy: when the blocks' source already is canonical (each block
    /// starts a line, exactly one blank line between blocks, <c>\n</c> line endings, no trailing blanks), the canonical
    /// Markdown is the source range itself. <see langword="null"/> when any of that does not hold.
    /// </summary>
    internal string? TryVerbatimMarkdown(IReadOnlyList<Block> blocks)
    {
        if (blocks.Count == 0)
        {
            return "";
        }

        var text = Text;
        var start = blocks[0].Span.Start;
        if (start < 0 || (start > 0 && text[start - 1] != '\n'))
        {
            return null;
        }

        var end = start;
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b is CodeBlock or HtmlBlock || b.Span.Start < 0 || b.Span.IsEmpty)
            {
                // Code keeps its trailing blanks; HTML and empty blocks may give nothing (and take their separator back).
                return null;
            }

            if (i > 0)
            {
                // Exactly one blank line between this block and the one before.
                var gap = b.Span.Start - end;
                if (gap != 2 || text[end] != '\n' || text[end + 1] != '\n')
                {
                    return null;
                }
            }

            end = MarkdownText.BlockEnd(b) + 1;
            if (end > text.Length || end <= b.Span.Start)
            {
                return null;
            }
        }

        var range = text.AsSpan(start, end - start);
        if (range.Contains('\r') || range.Contains(" \n", StringComparison.Ordinal) || range.Contains("\t\n", StringComparison.Ordinal)
            || range[^1] is ' ' or '\t' or '\n' || range[0] is ' ' or '\t' or '\n')
        {
            return null;
        }

        return text.Substring(start, end - start);
    }

    /// <summary>Canonical Markdown of a source range: line endings <c>\n</c>, trailing spaces removed, blank lines at the ends dropped.</summary>
    /// <param name="start">The first offset.</param>
    /// <param name="endExclusive">The offset after the range.</param>
    /// <param name="keepTrailingSpaces">Whether to keep trailing spaces (code).</param>
    /// <returns>The Markdown.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public string CanonicalSource(int start, int endExclusive, bool keepTrailingSpaces = false)
    {
        var sb = StringBuilderCache.Acquire(1024);
        AppendCanonicalSource(sb, start, endExclusive, keepTrailingSpaces);
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>Appends <see cref="CanonicalSource(int, int, bool)"/> of a range to a builder, without copying it first.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void AppendCanonicalSource(StringBuilder sb, int start, int endExclusive, bool keepTrailingSpaces)
    {
        start = Math.Clamp(start, 0, Text.Length);
        endExclusive = Math.Clamp(endExclusive, start, Text.Length);
        if (start == endExclusive)
        {
            return;
        }

        // Start at the beginning of the line so indentation stays as written.
        var line = _source.LineOf(start);
        var lineStart = _source.LineStart(line);
        if (Text.AsSpan(lineStart, start - lineStart).IsWhiteSpace())
        {
            start = lineStart;
        }

        var origin = sb.Length;
        var pos = start;
        var l = _source.LineOf(pos);
        while (pos < endExclusive)
        {
            var lineEnd = Math.Min(_source.LineEnd(l), endExclusive);
            var seg = Text.AsSpan(pos, Math.Max(0, lineEnd - pos));
            if (!keepTrailingSpaces)
            {
                seg = seg.TrimEnd(" \t"); // Markdown's blanks only: a no-break space is text.
            }

            sb.Append(seg).Append('\n');
            pos = l + 1 < _source.LineCount ? _source.LineStart(l + 1) : endExclusive;
            l++;
        }

        // No blank lines at either end.
        while (sb.Length > origin && sb[^1] == '\n')
        {
            sb.Length--;
        }

        var leading = 0;
        while (origin + leading < sb.Length && sb[origin + leading] == '\n')
        {
            leading++;
        }

        if (leading > 0)
        {
            sb.Remove(origin, leading);
        }
    }
}
