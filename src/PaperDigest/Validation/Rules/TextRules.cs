using System.Text.RegularExpressions;

namespace PaperDigest.Validation.Rules;

/// <summary>PD0103: an unfilled template placeholder (option <c>placeholders</c>: the names looked for).</summary>
internal sealed partial class UnfilledPlaceholderRule : IDocumentRule
{
    /// <summary>The placeholder names looked for unless configured.</summary>
    public static IReadOnlyList<string> DefaultPlaceholders { get; } =
        ["abstract", "ai_comment", "title", "translated_title", "title_zh", "url", "summary", "comment", "authors", "arxiv_id", "abstract_zh"];

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.UnfilledPlaceholder)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return;
        }

        var names = new HashSet<string>(context.Options.GetStrings("placeholders", DefaultPlaceholders), StringComparer.OrdinalIgnoreCase);
        foreach (Match m in PlaceholderRegex().Matches(text))
        {
            if (names.Contains(m.Groups["name"].Value))
            {
                var entry = context.Source.EntryAt(m.Index);
                context.Report(context.Source.Span(m.Index, m.Index + m.Length), $"The template placeholder '{m.Value}' was never filled.", TextFacts.IdOf(entry));
            }
        }
    }

    [GeneratedRegex(@"\{\{?\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}?", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();
}

/// <summary>PD0108: a word broken by PDF extraction, such as <c>test- time</c>, in a title or abstract.</summary>
internal sealed partial class PdfExtractionArtifactRule : IDocumentRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.PdfExtractionArtifact)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        foreach (var e in context.Document.Entries)
        {
            var start = Math.Min(e.Span.StartOffset, text.Length);
            var end = Math.Min(e.Span.EndOffset, text.Length);
            if (text.AsSpan(start, end - start).IndexOf("- ", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var m in ArtifactRegex().EnumerateMatches(text.AsSpan(start, end - start)))
            {
                var at = start + m.Index;
                if (at >= e.LinkSpan.StartOffset && at < e.LinkSpan.EndOffset && e.LinkSpan != e.TitleSpan)
                {
                    continue;
                }

                var found = text.Substring(at, m.Length);
                context.Report(context.Source.Span(at, at + m.Length), $"'{found}' looks like a word broken by PDF extraction; did you mean '{found.Replace("- ", "-", StringComparison.Ordinal)}' or '{found.Replace("- ", "", StringComparison.Ordinal)}'?", TextFacts.IdOf(e));
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9-])[A-Za-z0-9]+- (?!(?:and|or|nor|to|as|vs|versus|but|then)\b)[a-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex ArtifactRegex();
}
