namespace PaperDigest.Validation;

/// <summary>A rule that looks at one document at a time. Implementations are stateless and thread-safe.</summary>
public interface IDocumentRule
{
    /// <summary>What the rule reports.</summary>
    RuleDescriptor Descriptor { get; }

    /// <summary>Looks at one document and reports what it finds through <paramref name="context"/>.</summary>
    /// <param name="context">The document, the rule's options and where to report.</param>
    void Analyze(DocumentRuleContext context);
}

/// <summary>A rule that looks at every document validated together (the archive), such as duplicate detection.</summary>
public interface IArchiveRule
{
    /// <summary>What the rule reports.</summary>
    RuleDescriptor Descriptor { get; }

    /// <summary>Looks at the archive and reports what it finds through <paramref name="context"/>.</summary>
    /// <param name="context">The documents and where to report.</param>
    void Analyze(ArchiveRuleContext context);
}

/// <summary>
/// An archive rule that needs to wait for something, such as enrichment results from arXiv or GitHub (the <c>--online</c>
/// rules). It runs after every synchronous rule; what it reports goes through the same configuration, suppressions and
/// baseline as everything else.
/// </summary>
public interface IAsyncArchiveRule
{
    /// <summary>What the rule reports.</summary>
    RuleDescriptor Descriptor { get; }

    /// <summary>Looks at the archive and reports what it finds through <paramref name="context"/>.</summary>
    /// <param name="context">The documents and where to report; <see cref="ArchiveRuleContext.Report"/> is thread-safe.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the rule is done.</returns>
    ValueTask AnalyzeAsync(ArchiveRuleContext context, CancellationToken cancellationToken);
}
