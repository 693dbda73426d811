using PaperDigest.Model;

namespace PaperDigest.Validation;

/// <summary>One problem found by validation: the diagnostic, the rule that reported it and its fix, if any.</summary>
public sealed record ValidationFinding
{
    /// <summary>The diagnostic, with the severity configuration gave it.</summary>
    public required Diagnostic Diagnostic { get; init; }

    /// <summary>The rule that reported it.</summary>
    public required RuleDescriptor Rule { get; init; }

    /// <summary>Edits that fix the problem safely; empty when the rule offers no fix.</summary>
    public IReadOnlyList<TextEdit> Fix { get; init; } = [];
}

/// <summary>The findings of one file, in source order.</summary>
public sealed record FileValidation
{
    /// <summary>The document and its text.</summary>
    public required DigestSource Source { get; init; }

    /// <summary>What was found, in source order.</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; init; } = [];
}

/// <summary>The result of validating documents together.</summary>
public sealed record ValidationReport
{
    /// <summary>Every file, in input order.</summary>
    public IReadOnlyList<FileValidation> Files { get; init; } = [];

    /// <summary>Every rule the validator knows (for tools that list rules, such as SARIF).</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];

    /// <summary>Every finding, file by file.</summary>
    public IEnumerable<ValidationFinding> Findings => Files.SelectMany(f => f.Findings);

    /// <summary>The number of findings with a severity.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The count.</returns>
    public int Count(DiagnosticSeverity severity) => Findings.Count(f => f.Diagnostic.Severity == severity);

    /// <summary>Keeps only the findings a predicate accepts.</summary>
    /// <param name="keep">Decides, per file and finding, whether to keep it.</param>
    /// <returns>A new report.</returns>
    public ValidationReport Where(Func<FileValidation, ValidationFinding, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return this with { Files = Files.Select(f => f with { Findings = f.Findings.Where(x => keep(f, x)).ToArray() }).ToArray() };
    }
}
