using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PaperDigest.Parsing;

/// <summary>
/// Markdown turned into the records' plain text: pure functions of Markdig nodes and strings (titles, inline and block
/// text, block ends, shortened names for messages), with no document state.
/// </summary>
internal static class MarkdownText
{
    /// <summary>A buffer reused by <see cref="InlineText(Inline?)"/> on each thread, so its growth is paid once.</summary>
    [ThreadStatic]
    private static char[]? t_inlineChars;

    /// <summary>The work stack of <see cref="InlineChars"/>, reused on each thread.</summary>
    [ThreadStatic]
    private static Stack<Inline>? t_inlineStack;

    /// <summary>
    /// A title from inline Markdown: markup flattened (a link becomes its text, images are dropped), whitespace collapsed to
    /// single spaces, zero-width characters removed, trimmed.
    /// </summary>
    /// <param name="inline">The inline content (a heading's, a link's).</param>
    /// <returns>The title text.</returns>
    public static string TitleText(Inline? inline) => HtmlText.CollapseWhitespace(InlineText(inline));

    /// <summary>Inline Markdown as plain text: markup flattened, line breaks kept as <c>\n</c>.</summary>
    /// <param name="inline">The inline, or a container of inlines.</param>
    /// <returns>The text.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string InlineText(Inline? inline) => inline is null ? "" : new string(InlineChars(inline));

    /// <summary>
    /// <see cref="InlineText(Inline?)"/> written into a buffer reused on each thread; the span is valid until the next call
    /// on the same thread.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> InlineChars(Inline inline)
    {
        var buffer = t_inlineChars ??= new char[256];
        var length = 0;
        var stack = t_inlineStack ??= new Stack<Inline>();
        stack.Clear();
        if (inline is ContainerInline root && inline is not LinkInline)
        {
            PushChildren(stack, root);
        }
        else
        {
            stack.Push(inline);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case LiteralInline lit:
                    Append(lit.Content.AsSpan());
                    break;
                case CodeInline code:
                    Append(code.Content);
                    break;
                case AutolinkInline auto:
                    Append(auto.Url);
                    break;
                case LineBreakInline:
                    Append("\n");
                    break;
                case HtmlEntityInline entity:
                    Append(entity.Transcoded.AsSpan());
                    break;
                case HtmlInline html:
                    if (IsBreakTag(html.Tag))
                    {
                        Append("\n");
                    }

                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline container:
                    PushChildren(stack, container);
                    break;
            }
        }

        stack.Clear();
        if (buffer.Length > 1 << 20)
        {
            // Do not keep a huge buffer alive on the thread.
            t_inlineChars = null;
        }

        return buffer.AsSpan(0, length);

        void Append(ReadOnlySpan<char> text)
        {
            if (length + text.Length > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + text.Length));
                t_inlineChars = buffer;
            }

            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
        }
    }

    /// <summary>
    /// A block as plain text: paragraphs separated by a blank line, line breaks inside a paragraph kept, each line trimmed,
    /// inline markup flattened, HTML read for its text, list items one per line.
    /// </summary>
    /// <param name="block">The block.</param>
    /// <returns>The text.</returns>
    public static string BlockText(Block block)
    {
        var sb = StringBuilderCache.Acquire(1024);
        AppendBlockText(block, sb, 0);
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>Plain text of several blocks, one blank line between non-empty ones; see <see cref="BlockText(Block)"/>.</summary>
    /// <param name="blocks">The blocks.</param>
    /// <returns>The text.</returns>
    public static string BlocksText(IEnumerable<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var sb = StringBuilderCache.Acquire(1024);
        if (blocks is IReadOnlyList<Block> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                AppendSeparated(sb, list[i]);
            }

            return StringBuilderCache.ToStringAndRelease(sb);
        }

        foreach (var b in blocks)
        {
            AppendSeparated(sb, b);
        }

        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>Appends a block's text after a blank line; a block that gives no text takes its separator back.</summary>
    private static void AppendSeparated(StringBuilder sb, Block b)
    {
        var mark = sb.Length;
        if (sb.Length > 0)
        {
            sb.Append("\n\n");
        }

        var contentStart = sb.Length;
        AppendBlockText(b, sb, 0);
        if (sb.Length <= contentStart)
        {
            sb.Length = mark;
        }
    }

    /// <summary>
    /// Whether the plain text of blocks whose canonical Markdown is <paramref name="markdown"/> (taken verbatim from the
    /// source) is that same text: paragraphs of literal text and soft line breaks only, no backslash escapes or entities
    /// (which change characters), no line starting or ending with whitespace (which the plain text trims).
    /// </summary>
    internal static bool IsPlainVerbatim(IReadOnlyList<Block> blocks, string markdown)
    {
        if (markdown.AsSpan().IndexOfAny('\\', '&') >= 0)
        {
            return false;
        }

        foreach (var block in blocks)
        {
            if (block is not ParagraphBlock { Inline: { } inline })
            {
                return false;
            }

            for (var c = inline.FirstChild; c is not null; c = c.NextSibling)
            {
                if (c is not (LiteralInline or LineBreakInline { IsHard: false }))
                {
                    return false;
                }
            }
        }

        var span = markdown.AsSpan();
        while (true)
        {
            var nl = span.IndexOf('\n');
            var line = nl < 0 ? span : span[..nl];
            if (line.IsEmpty || char.IsWhiteSpace(line[0]) || char.IsWhiteSpace(line[^1]))
            {
                // An empty line is the blank line between two paragraphs: fine only where it is one.
                if (!line.IsEmpty || nl < 0)
                {
                    return false;
                }
            }

            if (nl < 0)
            {
                return true;
            }

            span = span[(nl + 1)..];
        }
    }

    /// <summary>
    /// The offset of the last character of a block. Markdig leaves the span of a block that runs to the end of the text
    /// unclosed (a fenced code block without its closing fence, a list around one) at its first line; its lines know better.
    /// </summary>
    internal static int BlockEnd(MarkdownObject node)
    {
        var end = node.Span.End;
        while (true)
        {
            switch (node)
            {
                case LeafBlock { Lines.Count: > 0 } leaf:
                    return Math.Max(end, leaf.Lines.Lines[leaf.Lines.Count - 1].Slice.End);
                case ContainerBlock { LastChild: { } child }:
                    end = Math.Max(end, child.Span.End);
                    node = child;
                    continue;
                default:
                    return end;
            }
        }
    }

    /// <summary>A name or text cut to 60 characters (57 and an ellipsis), for a diagnostic message.</summary>
    internal static string Shorten(string s) => s.Length > 60 ? string.Concat(s.AsSpan(0, 57), "...") : s;

    private static bool IsBreakTag(string? tag) => tag is not null && tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase);

    /// <summary>Pushes a container's children on a work stack so that they pop in document order.</summary>
    internal static void PushChildren(Stack<Inline> stack, ContainerInline container)
    {
        for (var c = container.LastChild; c is not null; c = c.PreviousSibling)
        {
            stack.Push(c);
        }
    }

    private static void AppendBlockText(Block block, StringBuilder sb, int depth)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                AppendLines(InlineChars(inline), sb);
                break;
            case CodeBlock code:
                var lines = code.Lines;
                for (var i = 0; i < lines.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('\n');
                    }

                    sb.Append(lines.Lines[i].Slice.AsSpan().TrimEnd());
                }

                TrimTrailingNewlines(sb);
                break;
            case HtmlBlock html:
                var src = html.Lines.ToString();
                AppendLines(HtmlText.ToText(src), sb);
                break;
            case ThematicBreakBlock:
                break;
            case ContainerBlock container:
                var sep = container is ListBlock or ListItemBlock or Table or TableRow ? "\n" : "\n\n";
                var cellSep = container is TableRow ? " | " : null;
                var first = true;
                foreach (var child in container)
                {
                    // Straight into the same builder; a child that gives no text takes its separator back. Content
                    // never ends with a line break, so a code block trimming its own trailing breaks stops at the mark.
                    var mark = sb.Length;
                    if (!first)
                    {
                        sb.Append(cellSep ?? sep);
                    }

                    var contentStart = sb.Length;
                    if (depth < 256)
                    {
                        AppendBlockText(child, sb, depth + 1);
                    }

                    if (sb.Length <= contentStart)
                    {
                        sb.Length = mark;
                        continue;
                    }

                    first = false;
                }

                break;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void AppendLines(ReadOnlySpan<char> text, StringBuilder sb)
    {
        var start = sb.Length;
        for (var from = 0; from <= text.Length;)
        {
            var nl = text[from..].IndexOf('\n');
            var end = nl < 0 ? text.Length : from + nl;
            var line = text[from..end].Trim();
            from = end + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (sb.Length > start)
            {
                sb.Append('\n');
            }

            sb.Append(line);
        }
    }

    private static void TrimTrailingNewlines(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == '\n')
        {
            sb.Length--;
        }
    }
}
