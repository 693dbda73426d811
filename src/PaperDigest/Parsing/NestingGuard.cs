using System.Buffers;
using System.Text;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PaperDigest.Parsing;

/// <summary>Why <see cref="NestingGuard"/> neutralised a range.</summary>
internal enum NeutralisedKind
{
    /// <summary>Container syntax or brackets nested too deeply: the whole line is plain text.</summary>
    Nesting,

    /// <summary>Too many emphasis delimiters in one block: their <c>*</c> and <c>_</c> are plain text.</summary>
    Emphasis,

    /// <summary>HTML elements nested too deeply in one block: its tags are plain text.</summary>
    Html,

    /// <summary>Too many link reference definitions in a row: the rest of the block is a paragraph.</summary>
    Definitions,
}

/// <summary>
/// Finds what Markdig (or the HTML reader behind the layouts) would refuse or read in quadratic time, and neutralises it
/// before Markdig sees the text: lines nested too deeply (blockquote markers, list indentation, open brackets), blocks with
/// more emphasis delimiters than Markdig reads in bounded time (<see cref="MaxEmphasisWork"/>; past a depth limit it gives
/// up on the whole file), blocks nesting HTML elements deeper than
/// <see cref="MaxHtmlDepth"/>, and runs of more than <see cref="MaxDefinitionRun"/> link reference definitions. Neutralised
/// characters become no-break spaces, so offsets are kept; <see cref="RestoreLiterals"/> puts the original characters back
/// into the text Markdig read, so the records hold what was written. The caller reports each neutralised range.
/// A block here is a run of non-blank lines, which is at least as long as any Markdown block in it.
/// </summary>
internal static class NestingGuard
{
    public const int MaxQuoteDepth = 32;
    public const int MaxIndent = 128;
    public const int MaxBracketDepth = 64;
    public const int MaxContainerEstimate = 100;

    /// <summary>
    /// Markdig keeps every emphasis delimiter of a block open until the block ends and walks the open ones for each inline
    /// it adds, so a block costs about (inlines × open delimiters). This is the estimate allowed per block; the costliest
    /// block of a real digest estimates at about 0.3 M (a table of 271 rows with 658 delimiter runs).
    /// </summary>
    public const long MaxEmphasisWork = 8_000_000;

    /// <summary>The estimate allowed for the whole document; past it each further block may cost <see cref="MaxEmphasisWorkOnceSpent"/>.</summary>
    public const long MaxDocumentEmphasisWork = 64_000_000;

    /// <summary>The estimate allowed per block once <see cref="MaxDocumentEmphasisWork"/> is spent.</summary>
    public const long MaxEmphasisWorkOnceSpent = 64_000;

    /// <summary>
    /// Open HTML elements per block. Real tables leave elements open row after row (xianshang33's monthly tables open three
    /// <c>&lt;div&gt;</c>s per row and close two, 180 deep at the end of a month), so the bound is well above that.
    /// </summary>
    public const int MaxHtmlDepth = 1000;

    /// <summary>
    /// The HTML reader checks the open elements for each tag, so a block costs about the sum of the depths at its tags. Past
    /// this estimate for the whole document (a real file's costliest reaches about 0.3 M), each further block may cost only
    /// <see cref="MaxHtmlWorkOnceSpent"/>.
    /// </summary>
    public const long MaxDocumentHtmlWork = 16_000_000;

    /// <summary>The estimate allowed per block once <see cref="MaxDocumentHtmlWork"/> is spent.</summary>
    public const long MaxHtmlWorkOnceSpent = 20_000;

    /// <summary>Link reference definitions in a row at the start of a block.</summary>
    public const int MaxDefinitionRun = 1000;

    private const char Neutral = '\u00A0';

    /// <summary>What a neutralised line's leading container syntax becomes: a blank that is never restored (it is structure, not text).</summary>
    private const char NeutralPrefix = '\u2007';

    private static readonly SearchValues<char> Brackets = SearchValues.Create("[]()");
    private static readonly SearchValues<char> InlineMarks = SearchValues.Create("*_<|");
    private static readonly SearchValues<char> UrlEnd = SearchValues.Create(" \t)>]\"'");

    /// <summary>Elements that are empty or closed by their next sibling: they never nest.</summary>
    private static readonly HashSet<string> NonNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot", "colgroup",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NonNestingLookup = NonNesting.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Sanitize(string text, List<(int Start, int End)> neutralised) => Sanitize(text, neutralised, null, null);

    /// <summary>
    /// <see cref="Sanitize(string, List{ValueTuple{int, int}})"/>, also collecting the offset where each line starts
    /// (after <c>\n</c>, <c>\r\n</c> or <c>\r</c>) into <paramref name="lineStarts"/>, so the text is walked once for both.
    /// </summary>
    public static string Sanitize(string text, List<(int Start, int End)> neutralised, List<int>? lineStarts) => Sanitize(text, neutralised, lineStarts, null);

    /// <summary>
    /// <see cref="Sanitize(string, List{ValueTuple{int, int}}, List{int})"/>, also recording why each range was neutralised
    /// (<paramref name="kinds"/>[i] for <paramref name="neutralised"/>[i]).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string Sanitize(string text, List<(int Start, int End)> neutralised, List<int>? lineStarts, List<NeutralisedKind>? kinds)
    {
        var state = new State(text, neutralised, kinds);
        var lineStart = 0;
        lineStarts?.Add(0);
        while (lineStart <= text.Length)
        {
            var lineEnd = text.AsSpan(lineStart).IndexOfAny('\n', '\r');
            lineEnd = lineEnd < 0 ? text.Length : lineStart + lineEnd;
            state.Line(lineStart, lineEnd);
            if (lineEnd >= text.Length)
            {
                break;
            }

            lineStart = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
            lineStarts?.Add(lineStart);
        }

        return state.Result;
    }

    /// <summary>
    /// Puts the original characters back into the literal text Markdig read from the sanitised copy. Offsets are the same in
    /// both, so a literal whose characters are exactly its source range (no entity or escape in it) takes that range of
    /// <paramref name="original"/>: neutralised structure then reads as the characters written, not as no-break spaces.
    /// </summary>
    public static void RestoreLiterals(MarkdownDocument markdown, string original, string sanitised)
    {
        if (ReferenceEquals(original, sanitised))
        {
            return;
        }

        foreach (var leaf in markdown.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null)
            {
                continue;
            }

            foreach (var literal in leaf.Inline.Descendants<LiteralInline>())
            {
                var content = literal.Content.AsSpan();
                var start = literal.Span.Start;
                if (start < 0 || start >= sanitised.Length || content.IndexOf(Neutral) < 0)
                {
                    continue;
                }

                // The literal's characters lie at its span's start, or a little after it (a table cell's span takes in
                // the blanks before its text).
                var window = sanitised.AsSpan(start, Math.Min(sanitised.Length - start, Math.Max(literal.Span.Length, content.Length)));
                var at = window.IndexOf(content);
                if (at >= 0)
                {
                    // Only what was neutralised inside the text; a neutralised line's leading container syntax stays blank.
                    var from = start + at;
                    var restored = string.Create(content.Length, (original, sanitised, from), static (chars, s) =>
                    {
                        for (var k = 0; k < chars.Length; k++)
                        {
                            var c = s.sanitised[s.from + k];
                            chars[k] = c == Neutral ? s.original[s.from + k] : c;
                        }
                    });
                    literal.Content = new StringSlice(restored);
                }
            }
        }
    }

    /// <summary>The walk's state: the copy being neutralised, and what the current block (run of non-blank lines) holds so far.</summary>
    private sealed class State(string text, List<(int Start, int End)> neutralised, List<NeutralisedKind>? kinds)
    {
        private readonly List<(int Start, int End)> _urls = [];
        private StringBuilder? _sb;
        private bool _inRun;
        private int _runStart;
        private int _bracketDepth;
        private long _emphasisRuns;
        private long _emphasisWork;
        private long _documentEmphasisWork;
        private bool _emphasisOverflow;
        private int _htmlDepth;
        private long _htmlWork;
        private long _documentHtmlWork;
        private bool _htmlOverflow;
        private int _definitions;
        private bool _definitionsOpen = true;
        private bool _definitionsOverflow;

        public string Result => _sb?.ToString() ?? text;

        public void Line(int lineStart, int lineEnd)
        {
            // Leading run of container syntax: blockquote markers, list markers and indentation. Markdig gives up at about
            // 128 nested containers (a blockquote is one, a list level two), so estimate the depth generously.
            var quotes = 0;
            var markers = 0;
            var indent = 0;
            var i = lineStart;
            while (i < lineEnd)
            {
                var c = text[i];
                if (c == '>')
                {
                    quotes++;
                    i++;
                }
                else if (c == ' ')
                {
                    indent++;
                    i++;
                }
                else if (c == '\t')
                {
                    indent += 4;
                    i++;
                }
                else if (c is '-' or '+' or '*' && i + 1 < lineEnd && text[i + 1] is ' ' or '\t')
                {
                    markers++;
                    i++;
                }
                else if (char.IsAsciiDigit(c) && OrderedMarkerLength(text, i, lineEnd) is > 0 and var length)
                {
                    markers++;
                    i += length;
                }
                else
                {
                    break;
                }
            }

            if (i == lineEnd)
            {
                // A blank line ends the block.
                _inRun = false;
                _bracketDepth = 0;
                _emphasisRuns = 0;
                _emphasisWork = 0;
                _emphasisOverflow = false;
                _htmlDepth = 0;
                _htmlWork = 0;
                _htmlOverflow = false;
                _definitions = 0;
                _definitionsOpen = true;
                _definitionsOverflow = false;
                return;
            }

            if (!_inRun)
            {
                _runStart = lineStart;
                _inRun = true;
            }

            var bad = quotes > MaxQuoteDepth || indent > MaxIndent || quotes + (2 * markers) + indent > MaxContainerEstimate || BracketsTooDeep(i, lineEnd);
            if (bad)
            {
                var sb = _sb ??= new StringBuilder(text);
                for (var j = lineStart; j < i; j++)
                {
                    sb[j] = NeutralPrefix;
                }

                for (var j = i; j < lineEnd; j++)
                {
                    if (sb[j] is '>' or ' ' or '\t' or '[' or ']' or '(' or ')' or '<' or '*' or '_' or '`' or '!' or '#' or '-' or '+' or '|')
                    {
                        sb[j] = Neutral;
                    }
                }

                Add(lineStart, lineEnd, NeutralisedKind.Nesting);
                _bracketDepth = 0;
                _definitionsOpen = false;
                return;
            }

            Definitions(i, lineStart, lineEnd, quotes + markers + indent);
            Inline(lineStart, lineEnd);
        }

        /// <summary>Whether brackets opened across the block pass <see cref="MaxBracketDepth"/> on this line.</summary>
        private bool BracketsTooDeep(int from, int lineEnd)
        {
            for (var j = from; j < lineEnd; j++)
            {
                var skip = text.AsSpan(j, lineEnd - j).IndexOfAny(Brackets);
                if (skip < 0)
                {
                    break;
                }

                j += skip;
                if (text[j] is '[' or '(')
                {
                    if (++_bracketDepth > MaxBracketDepth)
                    {
                        return true;
                    }
                }
                else
                {
                    _bracketDepth = Math.Max(0, _bracketDepth - 1);
                }
            }

            return false;
        }

        /// <summary>
        /// Markdig reads a run of link reference definitions at the start of a paragraph in quadratic time; past
        /// <see cref="MaxDefinitionRun"/> of them the next one's <c>[</c> is neutralised, which makes it and the rest of the
        /// block paragraph text.
        /// </summary>
        private void Definitions(int i, int lineStart, int lineEnd, int prefix)
        {
            if (_definitionsOverflow)
            {
                Extend(lineEnd, NeutralisedKind.Definitions);
                return;
            }

            if (!_definitionsOpen)
            {
                return;
            }

            if (prefix > 3 || text[i] != '[' || text.AsSpan(i, lineEnd - i).IndexOf("]:", StringComparison.Ordinal) < 0)
            {
                _definitionsOpen = false;
                return;
            }

            if (++_definitions > MaxDefinitionRun)
            {
                (_sb ??= new StringBuilder(text))[i] = Neutral;
                _definitionsOverflow = true;
                Add(lineStart, lineEnd, NeutralisedKind.Definitions);
            }
        }

        /// <summary>Counts emphasis delimiter runs and HTML element depth on a line, and neutralises past the limits.</summary>
        private void Inline(int lineStart, int lineEnd)
        {
            var first = text.AsSpan(lineStart, lineEnd - lineStart).IndexOfAny(InlineMarks);
            if (first < 0)
            {
                Emphasis(lineStart, lineEnd, 0, 1);

                if (_htmlOverflow)
                {
                    Extend(lineEnd, NeutralisedKind.Html);
                }

                return;
            }

            FindUrls(lineStart, lineEnd);
            var url = 0;
            var runs = 0;
            var inlines = 1;
            var nextGt = -1;
            for (var j = lineStart + first; j < lineEnd; j++)
            {
                var skip = text.AsSpan(j, lineEnd - j).IndexOfAny(InlineMarks);
                if (skip < 0)
                {
                    break;
                }

                j += skip;
                var c = text[j];
                if (c == '<')
                {
                    if (nextGt < j)
                    {
                        nextGt = text.AsSpan(j, lineEnd - j).IndexOf('>') is var gt and >= 0 ? j + gt : lineEnd;
                    }

                    Tag(j, lineEnd, nextGt);
                    continue;
                }

                if (c == '|')
                {
                    inlines++;
                    continue;
                }

                var k = j + 1;
                while (k < lineEnd && text[k] == c)
                {
                    k++;
                }

                while (url < _urls.Count && _urls[url].End <= j)
                {
                    url++;
                }

                if (IsDelimiter(c, j, k, lineStart, lineEnd) && !(url < _urls.Count && _urls[url].Start <= j))
                {
                    runs++;
                    inlines += 2;
                }

                j = k - 1;
            }

            Emphasis(lineStart, lineEnd, runs, inlines);

            if (_htmlOverflow)
            {
                NeutraliseTags(lineStart, lineEnd);
                Extend(lineEnd, NeutralisedKind.Html);
            }
            else if (_htmlDepth > MaxHtmlDepth || (_documentHtmlWork > MaxDocumentHtmlWork && _htmlWork > MaxHtmlWorkOnceSpent))
            {
                // The whole block: an HTML block is read from its source, so its first lines must stop being HTML too.
                NeutraliseTags(_runStart, lineEnd);
                Add(_runStart, lineEnd, NeutralisedKind.Html);
                _htmlOverflow = true;
            }
        }

        /// <summary>
        /// Adds a line's estimated cost (its inlines, each walking the delimiters still open) to the block's, and neutralises
        /// the block's emphasis when it passes the budget; once it has, each later line of the block is neutralised too.
        /// </summary>
        private void Emphasis(int lineStart, int lineEnd, int runs, int inlines)
        {
            if (_emphasisOverflow)
            {
                if (runs > 0)
                {
                    NeutraliseEmphasis(lineStart, lineEnd);
                }

                Extend(lineEnd, NeutralisedKind.Emphasis);
                return;
            }

            if (runs == 0 && _emphasisRuns == 0)
            {
                return;
            }

            var work = inlines * (_emphasisRuns + (runs / 2));
            _emphasisRuns += runs;
            _emphasisWork += work;
            _documentEmphasisWork += work;
            if (_emphasisWork <= (_documentEmphasisWork > MaxDocumentEmphasisWork ? MaxEmphasisWorkOnceSpent : MaxEmphasisWork))
            {
                return;
            }

            // The whole block: delimiters left open on earlier lines would cost every later inline as much.
            for (var start = _runStart; start < lineEnd;)
            {
                var end = text.AsSpan(start, lineEnd - start).IndexOfAny('\n', '\r') is var nl and >= 0 ? start + nl : lineEnd;
                FindUrls(start, end);
                NeutraliseEmphasis(start, end);
                start = end + 1;
            }

            Add(_runStart, lineEnd, NeutralisedKind.Emphasis);
            _emphasisOverflow = true;
        }

        /// <summary>An element opened or closed at <paramref name="j"/> (a <c>&lt;</c>) changes the depth.</summary>
        private void Tag(int j, int lineEnd, int gt)
        {
            if (j + 1 >= lineEnd)
            {
                return;
            }

            var closing = text[j + 1] == '/';
            var nameStart = closing ? j + 2 : j + 1;
            if (nameStart >= lineEnd || !char.IsAsciiLetter(text[nameStart]))
            {
                return;
            }

            _htmlWork += _htmlDepth + 1;
            _documentHtmlWork += _htmlDepth + 1;
            if (closing)
            {
                _htmlDepth = Math.Max(0, _htmlDepth - 1);
                return;
            }

            var nameEnd = nameStart;
            while (nameEnd < lineEnd && nameEnd - nameStart < 16 && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '-'))
            {
                nameEnd++;
            }

            var selfClosing = gt < lineEnd && gt > nameStart && text[gt - 1] == '/';
            if (!selfClosing && !NonNestingLookup.Contains(text.AsSpan(nameStart, nameEnd - nameStart)))
            {
                _htmlDepth++;
            }
        }

        /// <summary>
        /// Whether a run of <paramref name="c"/> from <paramref name="start"/> to <paramref name="end"/> can open or close
        /// emphasis: not surrounded by whitespace on both sides, and for <c>_</c>, not inside a word.
        /// </summary>
        private bool IsDelimiter(char c, int start, int end, int lineStart, int lineEnd)
        {
            var before = start > lineStart ? text[start - 1] : ' ';
            var after = end < lineEnd ? text[end] : ' ';
            if (char.IsWhiteSpace(before) && char.IsWhiteSpace(after))
            {
                return false;
            }

            return c == '*' || !(char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after));
        }

        /// <summary>Collects the URLs on a line (a scheme, <c>://</c>, up to a space or closing mark), whose characters are never neutralised.</summary>
        private void FindUrls(int lineStart, int lineEnd)
        {
            _urls.Clear();
            var at = lineStart;
            while (at < lineEnd)
            {
                var found = text.AsSpan(at, lineEnd - at).IndexOf("://", StringComparison.Ordinal);
                if (found < 0)
                {
                    return;
                }

                var start = at + found;
                while (start > lineStart && start > at + found - 16 && char.IsAsciiLetter(text[start - 1]))
                {
                    start--;
                }

                var end = at + found + 3;
                var stop = text.AsSpan(end, lineEnd - end).IndexOfAny(UrlEnd);
                end = stop < 0 ? lineEnd : end + stop;
                _urls.Add((start, end));
                at = end;
            }
        }

        private void NeutraliseEmphasis(int lineStart, int lineEnd)
        {
            var sb = _sb ??= new StringBuilder(text);
            var url = 0;
            for (var j = lineStart; j < lineEnd; j++)
            {
                var skip = text.AsSpan(j, lineEnd - j).IndexOfAny('*', '_');
                if (skip < 0)
                {
                    return;
                }

                j += skip;
                var c = text[j];
                var k = j + 1;
                while (k < lineEnd && text[k] == c)
                {
                    k++;
                }

                while (url < _urls.Count && _urls[url].End <= j)
                {
                    url++;
                }

                if (IsDelimiter(c, j, k, lineStart, lineEnd) && !(url < _urls.Count && _urls[url].Start <= j))
                {
                    for (var m = j; m < k; m++)
                    {
                        sb[m] = Neutral;
                    }
                }

                j = k - 1;
            }
        }

        private void NeutraliseTags(int start, int end)
        {
            var sb = _sb ??= new StringBuilder(text);
            for (var j = start; j < end; j++)
            {
                var skip = text.AsSpan(j, end - j).IndexOf('<');
                if (skip < 0)
                {
                    return;
                }

                j += skip;
                sb[j] = Neutral;
            }
        }

        /// <summary>Records a neutralised range, joined to the previous one of the same kind when only a line break is between them.</summary>
        private void Add(int start, int end, NeutralisedKind kind)
        {
            if (neutralised.Count > 0 && neutralised[^1].End >= start - 2 && KindAt(neutralised.Count - 1) == kind)
            {
                neutralised[^1] = (Math.Min(neutralised[^1].Start, start), Math.Max(neutralised[^1].End, end));
                return;
            }

            neutralised.Add((start, end));
            kinds?.Add(kind);
        }

        /// <summary>Stretches the last range of <paramref name="kind"/> to <paramref name="end"/>.</summary>
        private void Extend(int end, NeutralisedKind kind)
        {
            for (var r = neutralised.Count - 1; r >= 0; r--)
            {
                if (KindAt(r) == kind)
                {
                    neutralised[r] = (neutralised[r].Start, Math.Max(neutralised[r].End, end));
                    return;
                }
            }
        }

        private NeutralisedKind KindAt(int index) => kinds is null ? NeutralisedKind.Nesting : kinds[index];
    }

    /// <summary>The length of an ordered list marker (<c>1.</c>, <c>12)</c>) at <paramref name="i"/> when a space or tab follows it, else 0.</summary>
    private static int OrderedMarkerLength(string text, int i, int lineEnd)
    {
        var j = i;
        while (j < lineEnd && j - i < 9 && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j + 1 < lineEnd && text[j] is '.' or ')' && text[j + 1] is ' ' or '\t' ? j - i + 1 : 0;
    }
}
