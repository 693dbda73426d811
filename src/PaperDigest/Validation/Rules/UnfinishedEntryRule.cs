using System.Text.Json;

namespace PaperDigest.Validation.Rules;

/// <summary>
/// PD0110: an entry whose translated title or abstract still holds the placeholder that <c>paperdigest add</c> writes
/// for what arXiv cannot give (option <c>placeholder</c>).
/// </summary>
/// <remarks>
/// Public, unlike the other rules, for its placeholder (<see cref="DefaultPlaceholder"/>, <see cref="PlaceholderOf"/>): a
/// tool that writes new entries, as <c>paperdigest add</c> does, writes the text this rule looks for.
/// </remarks>
public sealed class UnfinishedEntryRule : IDocumentRule
{
    /// <summary>The placeholder when the rule's <c>placeholder</c> option is not set.</summary>
    public const string DefaultPlaceholder = "TODO-paperdigest";

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.UnfinishedEntry)!;

    /// <summary>The placeholder configured in a rule's options, else <see cref="DefaultPlaceholder"/>.</summary>
    /// <param name="options">The rule's options.</param>
    /// <returns>The placeholder text.</returns>
    public static string PlaceholderOf(RuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TryGetValue("placeholder", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { } s && !string.IsNullOrWhiteSpace(s)
            ? s.Trim()
            : DefaultPlaceholder;
    }

    /// <inheritdoc />
    public void Analyze(DocumentRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var placeholder = PlaceholderOf(context.Options);
        foreach (var e in context.Document.Entries)
        {
            if (e.TranslatedTitle.Contains(placeholder, StringComparison.Ordinal))
            {
                context.Report(TextFacts.LinkTextSpan(context.Source, e), $"The translated title is still the placeholder '{placeholder}': write the translation.", TextFacts.IdOf(e));
            }

            if (e.Abstract.Contains(placeholder, StringComparison.Ordinal))
            {
                context.Report(TextFacts.AbstractSpan(context.Source, e), $"The abstract is still the placeholder '{placeholder}': write the abstract.", TextFacts.IdOf(e));
            }
        }
    }
}
