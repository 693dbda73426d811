using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Validation;

/// <summary>
/// A parsed digest together with the text it was parsed from: what rules look at. Spans in the document index into
/// <see cref="Text"/>.
/// </summary>
public sealed class DigestSource
{
    private readonly SourceText _source;
    private readonly int[] _entryStarts;

    private static readonly SourceText NoText = new("");

    // An outline (see ToOutline) keeps the entry keys of the offsets its findings start at (sorted), not the entries.
    private readonly int[]? _outlineOffsets;
    private readonly string?[]? _outlineKeys;

    /// <summary>Pairs a document with the exact text it was parsed from (after byte-order-mark removal).</summary>
    /// <param name="document">The parsed document.</param>
    /// <param name="text">The text the document's spans index into.</param>
    public DigestSource(DigestDocument document, string text)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(text);
        Document = document;
        _source = new SourceText(text);
        _entryStarts = new int[document.Entries.Count];
        for (var i = 0; i < _entryStarts.Length; i++)
        {
            _entryStarts[i] = document.Entries[i].Span.StartOffset;
        }
    }

    private DigestSource(DigestDocument document, int[] outlineOffsets, string?[] outlineKeys)
    {
        Document = document;
        _source = NoText;
        _entryStarts = [];
        _outlineOffsets = outlineOffsets;
        _outlineKeys = outlineKeys;
    }

    /// <summary>The parsed document; of an outline (<see cref="IsOutline"/>), only its path and layout.</summary>
    public DigestDocument Document { get; }

    /// <summary>
    /// Whether this is the outline a streaming validation (<see cref="DigestValidationSession"/>) keeps of a document: its
    /// path and layout, no entries and no text, and the entry keys (<see cref="Baseline.KeyOf"/>) of its findings.
    /// </summary>
    public bool IsOutline => _outlineOffsets is not null;

    /// <summary>The source text.</summary>
    public string Text => _source.Text;

    /// <summary>The document's path, as given to the parser.</summary>
    public string? Path => Document.Path;

    /// <summary>The number of lines in <see cref="Text"/>.</summary>
    public int LineCount => _source.LineCount;

    /// <summary>Parses digest bytes (UTF-8, with or without BOM) and keeps the decoded text.</summary>
    /// <param name="parser">The parser.</param>
    /// <param name="utf8">The bytes.</param>
    /// <param name="path">The path to record.</param>
    /// <returns>The source.</returns>
    public static DigestSource Parse(DigestParser parser, ReadOnlySpan<byte> utf8, string? path)
    {
        ArgumentNullException.ThrowIfNull(parser);
        if (utf8.Length > parser.Options.MaxFileBytes)
        {
            return new DigestSource(parser.Parse(utf8, path), "");
        }

        var decoded = SourceDecoder.Decode(utf8);
        if (decoded.IsBinary || decoded.InvalidByteOffsets.Count > 0)
        {
            // The parser reports binary files and invalid bytes; it decodes the same way.
            return new DigestSource(parser.Parse(utf8, path), decoded.IsBinary ? "" : decoded.Text);
        }

        // Valid UTF-8: decode once (parsing text gives the same document as parsing its bytes).
        return new DigestSource(parser.Parse(decoded.Text, path), decoded.Text);
    }

    /// <summary>Parses digest text and keeps it.</summary>
    /// <param name="parser">The parser.</param>
    /// <param name="text">The text; a leading byte-order mark is dropped.</param>
    /// <param name="path">The path to record.</param>
    /// <returns>The source.</returns>
    public static DigestSource Parse(DigestParser parser, string text, string? path)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return new DigestSource(parser.Parse(text, path), text);
    }

    /// <summary>The span of offsets <paramref name="start"/> (inclusive) to <paramref name="endExclusive"/>, with lines and UTF-16 columns.</summary>
    /// <param name="start">The first offset.</param>
    /// <param name="endExclusive">The offset after the range.</param>
    /// <returns>The span.</returns>
    public SourceSpan Span(int start, int endExclusive) => _source.Span(start, endExclusive);

    /// <summary>The offset where a 0-based line starts.</summary>
    /// <param name="line">The 0-based line.</param>
    /// <returns>The offset.</returns>
    public int LineStart(int line) => _source.LineStart(line);

    /// <summary>The offset where a 0-based line ends, before its line break.</summary>
    /// <param name="line">The 0-based line.</param>
    /// <returns>The offset.</returns>
    public int LineEnd(int line) => _source.LineEnd(line);

    /// <summary>The 0-based line holding an offset.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The line.</returns>
    public int LineOf(int offset) => _source.LineOf(offset);

    /// <summary>The characters of a span.</summary>
    /// <param name="span">The span.</param>
    /// <returns>The text.</returns>
    public string TextOf(SourceSpan span)
    {
        var start = Math.Clamp(span.StartOffset, 0, Text.Length);
        var end = Math.Clamp(span.EndOffset, start, Text.Length);
        return Text[start..end];
    }

    /// <summary>The entry key (<see cref="Baseline.EntryKey"/>) of the entry an offset belongs to; <see langword="null"/> before the first entry.</summary>
    internal string? EntryKeyAt(int offset)
    {
        if (_outlineOffsets is null)
        {
            return Baseline.EntryKey(EntryAt(offset));
        }

        var i = Array.BinarySearch(_outlineOffsets, offset);
        return i >= 0 ? _outlineKeys![i] : null;
    }

    /// <summary>
    /// An outline of this document for a report that outlives the text: the path and layout, and the entry keys of the
    /// given offsets (where findings start), so that <see cref="Baseline.KeyOf"/> gives the same keys.
    /// </summary>
    internal DigestSource ToOutline(IEnumerable<int> offsets)
    {
        int[] kept = [.. offsets.Distinct().Order()];
        return new DigestSource(new DigestDocument { Path = Document.Path, Layout = Document.Layout }, kept, [.. kept.Select(EntryKeyAt)]);
    }

    /// <summary>
    /// The entry an offset belongs to: the last entry starting at or before it (so content after an entry's last block
    /// belongs to that entry), or <see langword="null"/> before the first entry.
    /// </summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public DigestEntry? EntryAt(int offset)
    {
        var i = Array.BinarySearch(_entryStarts, offset);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return i >= 0 ? Document.Entries[i] : null;
    }
}
