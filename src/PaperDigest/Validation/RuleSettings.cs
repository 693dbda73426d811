using PaperDigest.Model;

namespace PaperDigest.Validation;

/// <summary>How one rule is configured: on or off, a severity override, options. Unset values keep the defaults.</summary>
public sealed record RuleSetting
{
    /// <summary>Whether the rule runs; <see langword="null"/> keeps the default (on).</summary>
    public bool? Enabled { get; init; }

    /// <summary>The severity to report with; <see langword="null"/> keeps the rule's own.</summary>
    public DiagnosticSeverity? Severity { get; init; }

    /// <summary>The rule's options; <see langword="null"/> keeps the defaults.</summary>
    public RuleOptions? Options { get; init; }

    /// <summary>This setting with the values <paramref name="other"/> sets laid over it.</summary>
    /// <param name="other">The more specific setting.</param>
    /// <returns>The merged setting.</returns>
    public RuleSetting Overlay(RuleSetting other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new RuleSetting { Enabled = other.Enabled ?? Enabled, Severity = other.Severity ?? Severity, Options = other.Options ?? Options };
    }
}

/// <summary>The effective configuration of every rule for one file. Immutable.</summary>
public sealed class RuleSettings
{
    private readonly IReadOnlyDictionary<string, RuleSetting> _byId;

    /// <summary>Creates settings from per-rule values keyed by rule identifier.</summary>
    /// <param name="byId">The settings by rule identifier (<c>PD0003</c>).</param>
    public RuleSettings(IReadOnlyDictionary<string, RuleSetting> byId)
    {
        ArgumentNullException.ThrowIfNull(byId);
        _byId = new Dictionary<string, RuleSetting>(byId, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every rule on, with its default severity and options.</summary>
    public static RuleSettings Default { get; } = new(new Dictionary<string, RuleSetting>());

    /// <summary>Whether a rule runs.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns><see langword="true"/> unless configuration turns it off.</returns>
    public bool IsEnabled(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return !_byId.TryGetValue(rule.Id, out var s) || s.Enabled != false;
    }

    /// <summary>The severity to report a diagnostic with.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="reported">The severity the rule (or the parser) reported.</param>
    /// <returns>The configured severity, or <paramref name="reported"/>.</returns>
    public DiagnosticSeverity SeverityOf(RuleDescriptor rule, DiagnosticSeverity reported)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _byId.TryGetValue(rule.Id, out var s) && s.Severity is { } sev ? sev : reported;
    }

    /// <summary>The options of a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The configured options, or <see cref="RuleOptions.Empty"/>.</returns>
    public RuleOptions OptionsOf(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _byId.TryGetValue(rule.Id, out var s) && s.Options is { } o ? o : RuleOptions.Empty;
    }
}
