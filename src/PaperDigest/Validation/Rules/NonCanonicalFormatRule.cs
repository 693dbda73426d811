using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Validation.Rules;

/// <summary>
/// PD0109: formatting that differs from the canonical (heading-link) layout: trailing whitespace, missing or extra blank
/// lines, an entry heading of the wrong level, a missing final newline. Every occurrence has a fix. Files read with
/// another layout are not checked.
/// </summary>
internal sealed class NonCanonicalFormatRule : IDocumentRule
{
    // The common messages made once: an archive with trailing spaces on every line reports the same few texts many times.
    private static readonly string[] TrailingMessages = [.. Enumerable.Range(0, 9).Select(Trailing)];

    private static string TrailingMessage(int count) => count < TrailingMessages.Length ? TrailingMessages[count] : Trailing(count);

    private static string Trailing(int count) => $"{count} trailing whitespace character{(count == 1 ? "" : "s")}.";

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.NonCanonicalFormat)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Document.Layout != HeadingLinkLayout.LayoutName || context.Text.Length == 0)
        {
            return;
        }

        var source = context.Source;
        var text = source.Text;
        var headingLines = new HashSet<int>();
        var linkLines = new HashSet<int>();
        foreach (var e in context.Document.Entries)
        {
            headingLines.Add(source.LineOf(e.Span.StartOffset));
            if (e.LinkSpan != e.TitleSpan)
            {
                linkLines.Add(source.LineOf(e.LinkSpan.StartOffset));
            }
        }

        var inFence = false;
        var blankRun = 0;
        var blankRunStart = -1;
        var afterLink = false;
        for (var line = 0; line < source.LineCount; line++)
        {
            var s = source.LineStart(line);
            var e = source.LineEnd(line);
            var content = text.AsSpan(s, e - s);
            var trimmed = content.TrimStart();
            var isFence = trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
            var isBlank = content.IsWhiteSpace();
            var entry = source.EntryAt(s);
            var id = TextFacts.IdOf(entry);

            if (!inFence && !isFence && content.Length > 0 && content[^1] is ' ' or '\t')
            {
                var ws = content.Length - content.TrimEnd().Length;
                context.Report(source.Span(e - ws, e), isBlank ? "The line holds only whitespace." : TrailingMessage(ws), id, [new TextEdit(e - ws, e, "")]);
            }

            if (isFence)
            {
                inFence = !inFence;
            }

            if (isBlank)
            {
                if (blankRun == 0)
                {
                    blankRunStart = line;
                }

                blankRun++;
                afterLink = false;
                continue;
            }

            if (!inFence && blankRun >= 2 && blankRunStart > 0)
            {
                var from = source.LineStart(blankRunStart + 1);
                context.Report(source.Span(from, s), $"{blankRun} blank lines; one is canonical.", id, [new TextEdit(from, s, "")]);
            }

            if (afterLink && !headingLines.Contains(line))
            {
                context.Report(source.Span(s, s), "No blank line between the paper link and the abstract: the abstract is read as part of the link paragraph.", id, [new TextEdit(s, s, "\n")]);
            }

            if (headingLines.Contains(line) && line > 0 && blankRun == 0)
            {
                context.Report(source.Span(s, s + 2), "No blank line before the entry heading.", id, [new TextEdit(s, s, "\n")]);
            }

            if (linkLines.Contains(line) && blankRun > 0 && blankRunStart > 0 && headingLines.Contains(blankRunStart - 1))
            {
                var from = source.LineStart(blankRunStart);
                context.Report(source.Span(from, s), "Blank line between the entry heading and its paper link; the link line follows the heading directly.", id, [new TextEdit(from, s, "")]);
            }

            if (!inFence && !isFence && trimmed.Length > 0 && trimmed[0] == '#' && content[0] == '#')
            {
                CheckHeadingLevel(context, source, line, s, content, id);
            }

            afterLink = linkLines.Contains(line);
            blankRun = 0;
        }

        if (text[^1] is not ('\n' or '\r'))
        {
            context.Report(source.Span(text.Length, text.Length), "No newline at the end of the file.", null, [new TextEdit(text.Length, text.Length, "\n")]);
        }
        else if (blankRun >= 2)
        {
            var from = source.LineStart(blankRunStart);
            context.Report(source.Span(from, text.Length), "Blank lines at the end of the file.", null, [new TextEdit(from, text.Length, "")]);
        }
    }

    private static void CheckHeadingLevel(DocumentRuleContext context, DigestSource source, int line, int s, ReadOnlySpan<char> content, string? id)
    {
        var level = 0;
        while (level < content.Length && content[level] == '#')
        {
            level++;
        }

        if (level == 2 || level > 6 || (level < content.Length && content[level] is not (' ' or '\t')))
        {
            return;
        }

        // An entry heading of the wrong level: the next non-blank line is a paper link.
        for (var next = line + 1; next < source.LineCount; next++)
        {
            var ns = source.LineStart(next);
            var nextLine = source.Text.AsSpan(ns, source.LineEnd(next) - ns).Trim();
            if (nextLine.IsEmpty)
            {
                continue;
            }

            if (nextLine[0] == '[' && nextLine.Contains("](", StringComparison.Ordinal)
                && (nextLine.Contains("arxiv.org/", StringComparison.OrdinalIgnoreCase) || nextLine.Contains("arxiv:", StringComparison.OrdinalIgnoreCase)))
            {
                context.Report(source.Span(s, s + level), $"An entry heading of level {level}; entries start with a level-2 heading ('## ').", id, [new TextEdit(s, s + level, "##")]);
            }

            return;
        }
    }
}
