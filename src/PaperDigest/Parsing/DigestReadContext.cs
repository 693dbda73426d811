using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing;

/// <summary>
/// What a <see cref="IDigestLayout"/> reads from and writes to: the source text, its Markdown tree, helpers that turn
/// Markdown into the records' text fields, and the lists of entries and diagnostics being built.
/// </summary>
internal sealed class DigestReadContext
{
    /// <summary>A buffer reused by <see cref="InlineText(Inline?)"/> on each thread, so its growth is paid once.</summary>
    [ThreadStatic]
    private static char[]? t_inlineChars;

    /// <summary>The work stack of <see cref="InlineChars"/>, reused on each thread.</summary>
    [ThreadStatic]
    private static Stack<Inline>? t_inlineStack;

    private readonly SourceText _source;
    private Dictionary<Inline, string>? _titles;
    private readonly List<DigestEntry> _entries = [];
    private readonly List<Diagnostic> _diagnostics;

    internal DigestReadContext(string? path, SourceText source, MarkdownDocument markdown, List<Diagnostic> diagnostics)
    {
        Path = path;
        _source = source;
        Markdown = markdown;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// The source ranges <see cref="NestingGuard"/> neutralised before Markdig saw the text: there the tree's text differs
    /// from the source, so no shortcut may take the source for the text.
    /// </summary>
    internal IReadOnlyList<(int Start, int End)> Neutralised { get; init; } = [];

    /// <summary>The path of the file being read, as given; <see langword="null"/> for text without one.</summary>
    public string? Path { get; }

    /// <summary>The decoded source text.</summary>
    public string Text => _source.Text;

    /// <summary>The Markdown tree of <see cref="Text"/>, with precise source locations.</summary>
    public MarkdownDocument Markdown { get; }

    /// <summary>The document's preamble (Markdown before the first entry); set by the layout.</summary>
    public string Preamble { get; set; } = "";

    /// <summary>The entries read so far.</summary>
    public IReadOnlyList<DigestEntry> Entries => _entries;

    /// <summary>Adds an entry.</summary>
    /// <param name="entry">The entry.</param>
    public void AddEntry(DigestEntry entry) => _entries.Add(entry);

    /// <summary>Reports a problem.</summary>
    /// <param name="id">The stable identifier (see <see cref="DiagnosticIds"/>).</param>
    /// <param name="severity">The severity.</param>
    /// <param name="message">The message.</param>
    /// <param name="span">Where the problem is.</param>
    /// <param name="arxivId">The arXiv identifier of the entry concerned, if any.</param>
    public void Report(string id, DiagnosticSeverity severity, string message, SourceSpan span, string? arxivId = null)
        => _diagnostics.Add(new Diagnostic { Id = id, Severity = severity, Message = message, Span = span, Path = Path, ArxivId = arxivId });

    /// <summary>The span of source offsets <paramref name="start"/> (inclusive) to <paramref name="endExclusive"/>.</summary>
    /// <param name="start">The first offset.</param>
    /// <param name="endExclusive">The offset just after the range.</param>
    /// <returns>The span with lines and columns.</returns>
    public SourceSpan Span(int start, int endExclusive) => _source.Span(start, endExclusive);

    /// <summary>The span of a Markdown node (Markdig spans are inclusive; this one is not).</summary>
    /// <param name="node">The node.</param>
    /// <returns>The span.</returns>
    public SourceSpan Span(MarkdownObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Span.IsEmpty ? _source.Span(Math.Max(0, node.Span.Start), Math.Max(0, node.Span.Start)) : _source.Span(node.Span.Start, node.Span.End + 1);
    }

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    /// <param name="first">The first node.</param>
    /// <param name="last">The last node.</param>
    /// <returns>The span.</returns>
    public SourceSpan Span(MarkdownObject first, MarkdownObject last)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        return _source.Span(first.Span.Start, Math.Max(first.Span.Start, BlockEnd(last) + 1));
    }

    /// <summary>The source characters of a node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The source text.</returns>
    public string SourceOf(MarkdownObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Span.IsEmpty ? "" : Text.Substring(node.Span.Start, Math.Min(Text.Length, node.Span.End + 1) - node.Span.Start);
    }

    /// <summary>
    /// A title from inline Markdown: markup flattened (a link becomes its text, images are dropped), whitespace collapsed to
    /// single spaces, zero-width characters removed, trimmed.
    /// </summary>
    /// <param name="inline">The inline content (a heading's, a link's).</param>
    /// <returns>The title text.</returns>
    public static string TitleText(Inline? inline) => HtmlText.CollapseWhitespace(InlineText(inline));

    /// <summary>
    /// <see cref="TitleText(Inline?)"/>, remembered for this document: layouts detecting themselves and the layout reading
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

        _titles ??= new Dictionary<Inline, string>(Math.Min(1024, Markdown.Count), ReferenceEqualityComparer.Instance);
        if (!_titles.TryGetValue(inline, out var title))
        {
            title = TitleText(inline);
            _titles.Add(inline, title);
        }

        return title;
    }

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
    /// <see cref="BlocksText"/> and <see cref="BlocksMarkdown"/> of the same blocks. In the common case (plain paragraphs
    /// already in canonical form, no markup, escapes or entities) the two are the same characters, and one string serves.
    /// </summary>
    /// <param name="blocks">The blocks.</param>
    /// <returns>The plain text and the canonical Markdown.</returns>
    internal (string Text, string Markdown) BlocksTextAndMarkdown(IReadOnlyList<Block> blocks)
    {
        var markdown = TryVerbatimMarkdown(blocks);
        if (markdown is null)
        {
            return (BlocksText(blocks), CanonicalBlocksMarkdown(blocks));
        }

        return (IsPlainVerbatim(blocks, markdown) && !Overlaps(Neutralised, blocks[0].Span.Start, BlockEnd(blocks[^1]) + 1) ? markdown : BlocksText(blocks), markdown);
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
            AppendCanonicalSource(sb, b.Span.Start, BlockEnd(b) + 1, b is CodeBlock);
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

            end = BlockEnd(b) + 1;
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

    /// <summary>
    /// The links in blocks: Markdown links, autolinks, bare URLs (repaired and reported when broken) and HTML anchors,
    /// classified (arXiv, paper page, GitHub repository, project page, other).
    /// </summary>
    /// <param name="blocks">The blocks to search.</param>
    /// <param name="arxivId">The entry's arXiv identifier, for diagnostics.</param>
    /// <returns>The links in source order.</returns>
    public IReadOnlyList<DigestLink> CollectLinks(IEnumerable<Block> blocks, string? arxivId = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        List<DigestLink>? links = null;
        var stack = t_blockStack ??= new Stack<Block>();
        stack.Clear();
        if (blocks is IReadOnlyList<Block> list)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                stack.Push(list[i]);
            }
        }
        else
        {
            foreach (var top in blocks.Reverse())
            {
                stack.Push(top);
            }
        }

        while (stack.Count > 0)
        {
            var block = stack.Pop();
            switch (block)
            {
                case LeafBlock { Inline: { } inline } leaf:
                    CollectInlineLinks(leaf, inline, ref links, arxivId);
                    break;
                case HtmlBlock html:
                    var body = HtmlText.ParseFragment(SourceOf(html));
                    foreach (var (href, text) in HtmlText.Links(body))
                    {
                        if (href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                        {
                            (links ??= []).Add(MakeLink(href, href, text, Span(html), context: text));
                        }
                    }

                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--)
                    {
                        stack.Push(container[i]);
                    }

                    break;
            }
        }

        return links is null ? [] : links;
    }

    /// <summary>Classifies one URL into a <see cref="DigestLink"/>.</summary>
    /// <param name="url">The URL (repaired if it was broken).</param>
    /// <param name="original">The URL as written.</param>
    /// <param name="text">The link text.</param>
    /// <param name="span">Where the link is.</param>
    /// <param name="context">Text just before the link, used to recognise project pages ("项目主页", "project page").</param>
    /// <param name="repaired">Whether the URL was repaired.</param>
    /// <returns>The link.</returns>
    public static DigestLink MakeLink(string url, string original, string text, SourceSpan span, string context = "", bool repaired = false)
        => MakeLink(url, original, text, span, context.AsSpan(), repaired);

    /// <summary><see cref="MakeLink(string, string, string, SourceSpan, string, bool)"/> with the context as a span of the source, copied never.</summary>
    internal static DigestLink MakeLink(string url, string original, string text, SourceSpan span, ReadOnlySpan<char> context, bool repaired)
    {
        ArgumentNullException.ThrowIfNull(url);
        var kind = PaperUrl.TryParseArxiv(url, out var id);
        if (kind is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage)
        {
            return new DigestLink
            {
                Url = url, OriginalUrl = original, Text = text, Span = span, Repaired = repaired, ArxivId = id,
                Kind = kind == PaperUrlKind.Arxiv ? LinkKind.Arxiv : LinkKind.PaperPage,
            };
        }

        if (PaperUrl.TryParseGitHub(url, out var owner, out var repo, out var normalised))
        {
            return new DigestLink { Url = normalised, OriginalUrl = original, Text = text, Span = span, Repaired = repaired, Kind = LinkKind.GitHubRepository, Owner = owner, Repo = repo };
        }

        var isProject = PaperUrl.IsProjectPageHost(url) || MentionsProjectPage(context) || MentionsProjectPage(text);
        return new DigestLink { Url = url, OriginalUrl = original, Text = text, Span = span, Repaired = repaired, Kind = isProject ? LinkKind.ProjectPage : LinkKind.Other };
    }

    private static bool MentionsProjectPage(ReadOnlySpan<char> context)
    {
        if (context.IsEmpty)
        {
            return false;
        }

        var tail = context.Length > 40 ? context[^40..] : context;
        return tail.Contains("项目", StringComparison.Ordinal) || tail.Contains("主页", StringComparison.Ordinal) || tail.Contains("网站", StringComparison.Ordinal)
            || tail.Contains("网页", StringComparison.Ordinal) || tail.Contains("project page", StringComparison.OrdinalIgnoreCase)
            || tail.Contains("project website", StringComparison.OrdinalIgnoreCase) || tail.Contains("homepage", StringComparison.OrdinalIgnoreCase)
            || tail.Contains("project:", StringComparison.OrdinalIgnoreCase);
    }

    private void CollectInlineLinks(LeafBlock leaf, ContainerInline root, ref List<DigestLink>? links, string? arxivId)
    {
        // Scratch lists reused on each thread (this method is not re-entered: nothing it calls collects links).
        var opaque = t_opaque ??= [];
        var found = t_found ??= [];
        var stack = t_linkStack ??= new Stack<Inline>();
        opaque.Clear();
        found.Clear();
        stack.Clear();
        PushChildren(stack, root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case LinkInline link:
                    opaque.Add((link.Span.Start, link.Span.End + 1));
                    if (link.IsImage)
                    {
                        break;
                    }

                    var target = link.Url ?? "";
                    var text = TitleText(link);
                    if (target.Length == 0)
                    {
                        Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Warning, $"Link '{Shorten(text)}' has an empty target.", Span(link), arxivId);
                        break;
                    }

                    found.Add((link.Span.Start, MakeLink(target, target, text, Span(link), ContextBefore(leaf, link.Span.Start), false)));
                    break;
                case AutolinkInline auto:
                    opaque.Add((auto.Span.Start, auto.Span.End + 1));
                    if (!auto.IsEmail)
                    {
                        found.Add((auto.Span.Start, MakeLink(auto.Url, auto.Url, auto.Url, Span(auto), ContextBefore(leaf, auto.Span.Start), false)));
                    }

                    break;
                case CodeInline or HtmlInline:
                    opaque.Add((node.Span.Start, node.Span.End + 1));
                    break;
                case ContainerInline container:
                    PushChildren(stack, container);
                    break;
            }
        }

        // Bare URLs in the gaps between opaque inlines.
        opaque.Sort();
        var pos = leaf.Span.Start;
        var end = Math.Min(Text.Length, leaf.Span.End + 1);
        List<BareUrl>? bare = null;
        foreach (var (s, e) in opaque)
        {
            if (s > pos)
            {
                bare = BareUrlScanner.Scan(Text, pos, Math.Min(s, end), bare);
            }

            pos = Math.Max(pos, e);
        }

        if (pos < end)
        {
            bare = BareUrlScanner.Scan(Text, pos, end, bare);
        }

        if (bare is not null)
        {
            foreach (var b in bare)
            {
                var span = Span(b.Start, b.End);
                if (b.Repaired)
                {
                    Report(DiagnosticIds.RepairedUrl, DiagnosticSeverity.Warning, $"Broken URL '{b.Written}' read as '{b.Url}'.", span, arxivId);
                }

                found.Add((b.Start, MakeLink(b.Url, b.Written, b.Written, span, ContextBefore(leaf, b.Start), b.Repaired)));
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        if (found.Count > 1)
        {
            found.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        links ??= new List<DigestLink>(found.Count);
        foreach (var (_, link) in found)
        {
            links.Add(link);
        }

        found.Clear();
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


    private ReadOnlySpan<char> ContextBefore(LeafBlock leaf, int offset)
    {
        var start = Math.Max(leaf.Span.Start, offset - 40);
        return start < offset ? Text.AsSpan(start, offset - start) : default;
    }

    internal static string Shorten(string s) => s.Length > 60 ? string.Concat(s.AsSpan(0, 57), "...") : s;

    private static bool IsBreakTag(string? tag) => tag is not null && tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase);

    [ThreadStatic]
    private static List<(int Start, int End)>? t_opaque;

    /// <summary>The block stack of <see cref="CollectLinks"/>, reused on each thread (nothing it calls collects links).</summary>
    [ThreadStatic]
    private static Stack<Block>? t_blockStack;

    [ThreadStatic]
    private static List<(int Start, DigestLink Link)>? t_found;

    [ThreadStatic]
    private static Stack<Inline>? t_linkStack;

    private static void PushChildren(Stack<Inline> stack, ContainerInline container)
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

    internal DigestDocument Build(string layout) => new()
    {
        Path = Path,
        Layout = layout,
        Preamble = Preamble,
        Entries = _entries.ToArray(),
        Diagnostics = _diagnostics.ToArray(),
    };
}
