using PaperDigest.Model;

namespace PaperDigest.Parsing;

/// <summary>A text with a line index, turning offsets into 1-based lines and UTF-16 columns.</summary>
internal sealed class SourceText
{
    private readonly List<int> _lineStarts;

    /// <summary>The line <see cref="LineOf"/> answered last (one text is read by one thread at a time).</summary>
    private int _lastLine;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int>(Math.Max(16, text.Length / 40)) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var next = text.AsSpan(i).IndexOfAny('\n', '\r');
            if (next < 0)
            {
                break;
            }

            i += next;
            var c = text[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
        }

        _lineStarts = starts;
    }

    /// <summary>A text whose line starts are known already (see <see cref="NestingGuard.Sanitize(string, List{ValueTuple{int, int}}, List{int})"/>).</summary>
    public SourceText(string text, List<int> lineStarts)
    {
        Text = text;
        _lineStarts = lineStarts;
    }

    public string Text { get; }

    public int LineCount => _lineStarts.Count;

    public int LineStart(int line) => _lineStarts[line];

    /// <summary>The end of a 0-based line, excluding its line break.</summary>
    public int LineEnd(int line)
    {
        var end = line + 1 < _lineStarts.Count ? _lineStarts[line + 1] : Text.Length;
        while (end > _lineStarts[line] && Text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return end;
    }

    public int LineOf(int offset)
    {
        // Layouts ask for spans roughly in source order: try the line of the last answer and the one after it first.
        var hint = _lastLine;
        if ((uint)hint < (uint)_lineStarts.Count && offset >= _lineStarts[hint])
        {
            if (hint + 1 >= _lineStarts.Count || offset < _lineStarts[hint + 1])
            {
                return hint;
            }

            if (hint + 2 >= _lineStarts.Count || offset < _lineStarts[hint + 2])
            {
                return _lastLine = hint + 1;
            }
        }

        var i = _lineStarts.BinarySearch(offset);
        return _lastLine = i >= 0 ? i : Math.Max(0, ~i - 1);
    }

    public SourceSpan Span(int start, int endExclusive)
    {
        start = Math.Clamp(start, 0, Text.Length);
        endExclusive = Math.Clamp(endExclusive, start, Text.Length);
        var l1 = LineOf(start);
        var l2 = LineOf(endExclusive);
        return new SourceSpan(l1 + 1, start - _lineStarts[l1] + 1, l2 + 1, endExclusive - _lineStarts[l2] + 1, start, endExclusive);
    }
}
