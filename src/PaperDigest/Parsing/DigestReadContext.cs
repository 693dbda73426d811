using Markdig.Syntax;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing;

/// <summary>
/// What a <see cref="IDigestLayout"/> reads from and writes to: the source text and its Markdown tree, positions in it,
/// and the lists of entries and diagnostics being built. The text of the fields comes from <see cref="MarkdownText"/>
/// (pure functions of the tree), <see cref="SourceMarkdown"/> (the canonical Markdown of source ranges) and
/// <see cref="MarkdownLinks"/> (the links of blocks).
/// </summary>
internal sealed class DigestReadContext
{
    private readonly SourceText _source;
    private SourceMarkdown? _sourceMarkdown;
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

    /// <summary>The canonical Markdown of this document's source ranges, and its titles remembered.</summary>
    public SourceMarkdown SourceMarkdown => _sourceMarkdown ??= new SourceMarkdown(_source, Neutralised, Markdown.Count);

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
        return _source.Span(first.Span.Start, Math.Max(first.Span.Start, MarkdownText.BlockEnd(last) + 1));
    }

    /// <summary>The source characters of a node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The source text.</returns>
    public string SourceOf(MarkdownObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Span.IsEmpty ? "" : Text.Substring(node.Span.Start, Math.Min(Text.Length, node.Span.End + 1) - node.Span.Start);
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
