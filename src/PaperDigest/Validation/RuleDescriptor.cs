using PaperDigest.Model;

namespace PaperDigest.Validation;

/// <summary>
/// Describes one rule: a stable identifier, a kebab-case name, a default severity, a description and a help link. Like
/// Roslyn's <c>DiagnosticDescriptor</c>, it never changes once shipped.
/// </summary>
public sealed record RuleDescriptor
{
    /// <summary>The base of every <see cref="HelpUri"/>: the rules page of the documentation.</summary>
    public const string RulesPage = "https://github.com/paperdigest/paperdigest/blob/main/docs/rules.md";

    /// <summary>The stable identifier, <c>PD</c> and four digits.</summary>
    public required string Id { get; init; }

    /// <summary>The stable kebab-case name, such as <c>missing-arxiv-link</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Who reports it: the parser, a validation rule, or an online rule. <value>The default value is <see cref="RuleCategory.Validation"/>.</value></summary>
    public RuleCategory Category { get; init; } = RuleCategory.Validation;

    /// <summary>The severity used unless configuration overrides it.</summary>
    public required DiagnosticSeverity DefaultSeverity { get; init; }

    /// <summary>A one-line description of what the rule finds.</summary>
    public required string Description { get; init; }

    /// <summary>Why the rule exists: a few sentences (SARIF's <c>fullDescription</c> and <c>help</c>).</summary>
    public string Rationale { get; init; } = "";

    /// <summary>Whether the rule offers a fix that is safe to apply without review (<c>validate --fix</c>).</summary>
    public bool IsFixable { get; init; }

    /// <summary>The link to the rule's section of <c>docs/rules.md</c>.</summary>
    public Uri HelpUri => new($"{RulesPage}#{Id.ToLowerInvariant()}-{Name}");

    /// <summary><c>PDnnnn/name</c>, as text output shows it.</summary>
    /// <returns>The identifier and name.</returns>
    public override string ToString() => $"{Id}/{Name}";
}

/// <summary>Who reports a diagnostic.</summary>
public enum RuleCategory
{
    /// <summary>A validation rule (PD0100 and up), or a rule of a library user.</summary>
    Validation,

    /// <summary>The parser, while reading a file (PD0001 and up).</summary>
    Parsing,

    /// <summary>An online rule that asks arXiv (<c>validate --online</c>, PD0200 and up).</summary>
    OnlineArxiv,

    /// <summary>An online rule that asks GitHub (<c>validate --online</c>, PD0300 and up).</summary>
    OnlineGitHub,
}
