using System.Globalization;

namespace PaperDigest.Validation.Rules;

/// <summary>PD0100: a translated title with no CJK although the rest of the file has CJK.</summary>
internal sealed class UntranslatedTitleRule : IDocumentRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.UntranslatedTitle)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entries = context.Document.Entries;
        var cjkTitles = 0;
        var cjkAbstracts = 0;
        foreach (var e in entries)
        {
            cjkTitles += TextFacts.HasCjk(e.TranslatedTitle) ? 1 : 0;
            cjkAbstracts += TextFacts.HasCjk(e.Abstract) ? 1 : 0;
        }

        foreach (var e in entries)
        {
            if (e.TranslatedTitle.Length == 0 || TextFacts.HasCjk(e.TranslatedTitle) || TextFacts.HasCjk(e.Title))
            {
                continue;
            }

            // "The rest of the file": another entry's translated title, or any abstract other than this entry's own.
            var elsewhere = cjkTitles > 0 || cjkAbstracts - (TextFacts.HasCjk(e.Abstract) ? 1 : 0) > 0;
            if (elsewhere)
            {
                context.Report(TextFacts.LinkTextSpan(context.Source, e), $"The translated title '{Parsing.MarkdownText.Shorten(e.TranslatedTitle)}' has no CJK characters although the rest of the file is translated.", TextFacts.IdOf(e));
            }
        }
    }
}

/// <summary>PD0101: CJK in the English title and none in the translated title.</summary>
internal sealed class SwappedTitlesRule : IDocumentRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.SwappedTitles)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var e in context.Document.Entries)
        {
            if (e.TranslatedTitle.Length > 0 && TextFacts.HasCjk(e.Title) && !TextFacts.HasCjk(e.TranslatedTitle))
            {
                context.Report(e.TitleSpan, "The English title has CJK characters and the translated title has none: the titles look swapped.", TextFacts.IdOf(e));
            }
        }
    }
}

/// <summary>PD0102: link text that is a URL different from the link's target.</summary>
internal sealed class LinkTextUrlMismatchRule : IDocumentRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.LinkTextUrlMismatch)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var e in context.Document.Entries)
        {
            if (LooksLikeUrl(e.TranslatedTitle) && e.Url.Length > 0 && Normalise(e.TranslatedTitle) != Normalise(e.Url))
            {
                context.Report(e.LinkSpan, $"The link text '{e.TranslatedTitle}' is a URL, but the link goes to '{e.Url}'.", TextFacts.IdOf(e));
            }

            foreach (var link in e.Links)
            {
                if (link.Text != link.OriginalUrl && LooksLikeUrl(link.Text) && Normalise(link.Text) != Normalise(link.OriginalUrl) && Normalise(link.Text) != Normalise(link.Url))
                {
                    context.Report(link.Span, $"The link text '{link.Text}' is a URL, but the link goes to '{link.OriginalUrl}'.", TextFacts.IdOf(e));
                }
            }
        }
    }

    private static bool LooksLikeUrl(string text)
    {
        var t = text.Trim();
        return !t.Contains(' ', StringComparison.Ordinal) && (t.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("www.", StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalise(string url)
    {
        var u = url.Trim().ToLowerInvariant();
        foreach (var prefix in (string[])["https://", "http://"])
        {
            if (u.StartsWith(prefix, StringComparison.Ordinal))
            {
                u = u[prefix.Length..];
                break;
            }
        }

        if (u.StartsWith("www.", StringComparison.Ordinal))
        {
            u = u[4..];
        }

        return u.TrimEnd('/');
    }
}

/// <summary>PD0104: a link in the abstract with no text.</summary>
internal sealed class EmptyLinkTextRule : IDocumentRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.EmptyLinkText)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var e in context.Document.Entries)
        {
            foreach (var link in e.Links)
            {
                if (string.IsNullOrWhiteSpace(link.Text) && !HasImage(context.Source.TextOf(link.Span)))
                {
                    context.Report(link.Span, $"The link to '{link.OriginalUrl}' has no text; it is invisible when rendered.", TextFacts.IdOf(e));
                }
            }
        }
    }

    // A linked image (a badge, a chart) has no text but is visible.
    private static bool HasImage(string source)
        => source.Contains("![", StringComparison.Ordinal) || source.Contains("<img", StringComparison.OrdinalIgnoreCase);
}

/// <summary>PD0106: a paper link that names an arXiv version. Fix: drop the version (from the link text too when it names it).</summary>
internal sealed class VersionedArxivLinkRule : IDocumentRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.VersionedArxivLink)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var e in context.Document.Entries)
        {
            if (e.ArxivId is not { Version: { } version } id)
            {
                continue;
            }

            var urlSpan = TextFacts.LinkUrlSpan(context.Source, e);
            var written = context.Source.TextOf(urlSpan);
            var marker = id.Value + "v" + version.ToString(CultureInfo.InvariantCulture);
            var at = written.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            IReadOnlyList<TextEdit>? fix = null;
            if (at >= 0 && urlSpan != e.LinkSpan)
            {
                var vStart = urlSpan.StartOffset + at + id.Value.Length;
                var edits = new List<TextEdit> { new(vStart, vStart + marker.Length - id.Value.Length, "") };

                // A link text that names the same version ('[2607.01087v1](…/2607.01087v1)') loses it too, so that the
                // text and the target keep agreeing.
                var textSpan = TextFacts.LinkTextSpan(context.Source, e);
                if (textSpan != e.LinkSpan)
                {
                    var linkText = context.Source.TextOf(textSpan);
                    for (var t = linkText.IndexOf(marker, StringComparison.OrdinalIgnoreCase); t >= 0; t = linkText.IndexOf(marker, t + marker.Length, StringComparison.OrdinalIgnoreCase))
                    {
                        var end = t + marker.Length;
                        if (end == linkText.Length || !char.IsAsciiDigit(linkText[end]))
                        {
                            var tStart = textSpan.StartOffset + t + id.Value.Length;
                            edits.Add(new TextEdit(tStart, tStart + marker.Length - id.Value.Length, ""));
                        }
                    }
                }

                fix = edits;
            }

            context.Report(urlSpan, $"The link names version {version} of arXiv {id.Value}; link '{id.Value}' without a version to always show the latest.", id.Value, fix);
        }
    }
}

/// <summary>PD0107: an abstract shorter than the configured minimum (option <c>minLength</c>, default 40 characters).</summary>
internal sealed class ShortAbstractRule : IDocumentRule
{
    /// <summary>The default minimum, in user-perceived characters.</summary>
    public const int DefaultMinLength = 40;

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.ShortAbstract)!;

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var min = context.Options.GetInt32("minLength", DefaultMinLength);
        foreach (var e in context.Document.Entries)
        {
            var text = e.Abstract.Trim();
            if (text.Length == 0)
            {
                continue; // PD0006 reports it.
            }

            // A user-perceived character is at least one UTF-16 unit and rarely more than eight: skip the (slow) grapheme
            // count for abstracts that are clearly long enough.
            if (text.Length >= min * 8L)
            {
                continue;
            }

            var length = new StringInfo(text).LengthInTextElements;
            if (length < min)
            {
                context.Report(TextFacts.AbstractSpan(context.Source, e), $"The abstract is {length} characters long, shorter than the minimum of {min}.", TextFacts.IdOf(e));
            }
        }
    }
}
