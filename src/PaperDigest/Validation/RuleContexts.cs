using PaperDigest.Model;

namespace PaperDigest.Validation;

/// <summary>What a <see cref="IDocumentRule"/> sees: one document, its text, its options, and where to report.</summary>
public sealed class DocumentRuleContext
{
    private readonly Action<DigestSource, RuleDescriptor, Diagnostic, IReadOnlyList<TextEdit>> _sink;

    internal DocumentRuleContext(DigestSource source, RuleDescriptor descriptor, RuleOptions options, Action<DigestSource, RuleDescriptor, Diagnostic, IReadOnlyList<TextEdit>> sink)
    {
        Source = source;
        Descriptor = descriptor;
        Options = options;
        _sink = sink;
    }

    /// <summary>The document and its text.</summary>
    public DigestSource Source { get; }

    /// <summary>The parsed document.</summary>
    public DigestDocument Document => Source.Document;

    /// <summary>The source text.</summary>
    public string Text => Source.Text;

    /// <summary>The descriptor of the rule running.</summary>
    public RuleDescriptor Descriptor { get; }

    /// <summary>The rule's configured options.</summary>
    public RuleOptions Options { get; }

    /// <summary>Reports a problem with the rule's default severity.</summary>
    /// <param name="span">The characters the problem is about.</param>
    /// <param name="message">One sentence about this occurrence.</param>
    /// <param name="arxivId">The arXiv identifier of the entry concerned, if any.</param>
    /// <param name="fix">Edits that fix the problem safely, if the rule offers a fix.</param>
    public void Report(SourceSpan span, string message, string? arxivId = null, IReadOnlyList<TextEdit>? fix = null)
        => _sink(Source, Descriptor, new Diagnostic { Id = Descriptor.Id, Severity = Descriptor.DefaultSeverity, Message = message, Span = span, Path = Source.Path, ArxivId = arxivId }, fix ?? []);
}

/// <summary>What an archive rule sees: every document validated together, and where to report. Reporting is thread-safe.</summary>
public sealed class ArchiveRuleContext
{
    private readonly Func<DigestSource, RuleOptions> _options;
    private readonly Action<DigestSource, RuleDescriptor, Diagnostic, IReadOnlyList<TextEdit>> _sink;
    private readonly Lock _lock = new();

    internal ArchiveRuleContext(IReadOnlyList<DigestSource> sources, RuleDescriptor descriptor, Func<DigestSource, RuleOptions> options, Action<DigestSource, RuleDescriptor, Diagnostic, IReadOnlyList<TextEdit>> sink)
    {
        Sources = sources;
        Descriptor = descriptor;
        _options = options;
        _sink = sink;
    }

    /// <summary>Every document validated together, in input order.</summary>
    public IReadOnlyList<DigestSource> Sources { get; }

    /// <summary>The descriptor of the rule running.</summary>
    public RuleDescriptor Descriptor { get; }

    /// <summary>The rule's options as configured for one document (per-glob overrides differ by file).</summary>
    /// <param name="source">The document.</param>
    /// <returns>The options.</returns>
    public RuleOptions OptionsFor(DigestSource source) => _options(source);

    /// <summary>Reports a problem in one document with the rule's default severity.</summary>
    /// <param name="source">The document the problem is in.</param>
    /// <param name="span">The characters the problem is about.</param>
    /// <param name="message">One sentence about this occurrence.</param>
    /// <param name="arxivId">The arXiv identifier of the entry concerned, if any.</param>
    /// <param name="fix">Edits that fix the problem safely, if the rule offers a fix.</param>
    public void Report(DigestSource source, SourceSpan span, string message, string? arxivId = null, IReadOnlyList<TextEdit>? fix = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostic = new Diagnostic { Id = Descriptor.Id, Severity = Descriptor.DefaultSeverity, Message = message, Span = span, Path = source.Path, ArxivId = arxivId };
        lock (_lock)
        {
            _sink(source, Descriptor, diagnostic, fix ?? []);
        }
    }
}
