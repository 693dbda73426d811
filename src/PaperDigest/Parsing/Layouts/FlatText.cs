using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// The plain text of a paragraph's inlines (markup flattened, HTML tags dropped, line breaks as <c>\n</c>) with a map back to
/// source offsets, so that a label found in the text can be matched with the links written after it.
/// </summary>
internal sealed class FlatText
{
    /// <summary>The work stack of <see cref="Of"/>, reused on each thread.</summary>
    [ThreadStatic]
    private static Stack<Inline>? t_stack;

    private readonly List<(int FlatStart, int SourceStart, int Length)> _segments = [];

    private FlatText(string text, List<(int, int, int)> segments, int sourceEnd)
    {
        Text = text;
        _segments = segments;
        SourceEnd = sourceEnd;
    }

    /// <summary>The plain text.</summary>
    public string Text { get; }

    /// <summary>The source offset just after the block.</summary>
    public int SourceEnd { get; }

    /// <summary>Flattens a leaf block.</summary>
    public static FlatText Of(LeafBlock leaf)
    {
        var sb = StringBuilderCache.Acquire();
        var segments = new List<(int, int, int)>();
        if (leaf.Inline is { } root)
        {
            var stack = t_stack ??= new Stack<Inline>();
            stack.Clear();
            Push(stack, root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                switch (node)
                {
                    case LiteralInline lit:
                        segments.Add((sb.Length, lit.Span.Start, lit.Content.Length));
                        sb.Append(lit.Content.AsSpan());
                        break;
                    case CodeInline code:
                        sb.Append(code.Content);
                        break;
                    case AutolinkInline auto:
                        segments.Add((sb.Length, auto.Span.Start, 0));
                        sb.Append(auto.Url);
                        break;
                    case LineBreakInline br:
                        segments.Add((sb.Length, br.Span.Start, 0));
                        sb.Append('\n');
                        break;
                    case HtmlEntityInline entity:
                        segments.Add((sb.Length, entity.Span.Start, 0));
                        sb.Append(entity.Transcoded.AsSpan());
                        break;
                    case HtmlInline html when html.Tag is { } tag && tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase):
                        segments.Add((sb.Length, html.Span.Start, 0));
                        sb.Append('\n');
                        break;
                    case LinkInline { IsImage: true }:
                        break;
                    case LinkInline link:
                        segments.Add((sb.Length, link.Span.Start, 0));
                        Push(stack, link);
                        break;
                    case ContainerInline container:
                        Push(stack, container);
                        break;
                }
            }
        }

        return new FlatText(StringBuilderCache.ToStringAndRelease(sb), segments, leaf.Span.End + 1);
    }

    /// <summary>
    /// The source offset of a position in <see cref="Text"/> (the start of the segment holding it when not exact). Where
    /// segments meet (a label's colon right before a link), the first segment starting there answers: the link's own
    /// start, not the start of the text inside it.
    /// </summary>
    public int SourceOffset(int flatIndex)
    {
        var best = -1;
        for (var i = 0; i < _segments.Count; i++)
        {
            var (fs, ss, len) = _segments[i];
            if (fs > flatIndex)
            {
                break;
            }

            if (fs == flatIndex)
            {
                best = ss;
                break;
            }

            best = flatIndex - fs <= len ? ss + (flatIndex - fs) : ss;
        }

        return best < 0 ? (_segments.Count > 0 ? _segments[0].SourceStart : SourceEnd) : best;
    }

    private static void Push(Stack<Inline> stack, ContainerInline container)
    {
        for (var c = container.LastChild; c is not null; c = c.PreviousSibling)
        {
            stack.Push(c);
        }
    }
}
