using PaperDigest.Model;
using PaperDigest.Validation.Rules;

namespace PaperDigest.Validation;

/// <summary>The rules a <see cref="DigestValidator"/> runs.</summary>
public sealed record DigestValidatorOptions
{
    /// <summary>The per-document rules. <value>The default value is <see cref="BuiltInRules.DocumentRules"/>.</value></summary>
    public IReadOnlyList<IDocumentRule>? DocumentRules { get; init; }

    /// <summary>The archive-wide rules. <value>The default value is <see cref="BuiltInRules.ArchiveRules"/>.</value></summary>
    public IReadOnlyList<IArchiveRule>? ArchiveRules { get; init; }

    /// <summary>Archive rules that wait for something (the online rules). <value>The default value is none.</value></summary>
    public IReadOnlyList<IAsyncArchiveRule>? AsyncArchiveRules { get; init; }
}

/// <summary>
/// Runs rules over digests: the parser's diagnostics, per-document rules, archive rules and asynchronous archive rules;
/// then applies configuration (rules off, severities) and inline suppressions. Built once, immutable, thread-safe.
/// </summary>
public sealed class DigestValidator
{
    private readonly IReadOnlyList<IDocumentRule> _documentRules;
    private readonly IReadOnlyList<IArchiveRule> _archiveRules;
    private readonly IReadOnlyList<IAsyncArchiveRule> _asyncRules;
    private readonly Dictionary<string, RuleDescriptor> _byId;

    /// <summary>Creates a validator.</summary>
    /// <param name="options">The rules to run; <see langword="null"/> for the built-in rules.</param>
    /// <exception cref="ArgumentException">Two rules share an identifier.</exception>
    public DigestValidator(DigestValidatorOptions? options = null)
    {
        options ??= new DigestValidatorOptions();
        _documentRules = options.DocumentRules ?? BuiltInRules.DocumentRules;
        _archiveRules = options.ArchiveRules ?? BuiltInRules.ArchiveRules;
        _asyncRules = options.AsyncArchiveRules ?? [];
        _byId = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in RuleCatalog.All.Where(d => d.Category == RuleCategory.Parsing))
        {
            _byId.Add(d.Id, d);
        }

        foreach (var d in _documentRules.Select(r => r.Descriptor).Concat(_archiveRules.Select(r => r.Descriptor)).Concat(_asyncRules.Select(r => r.Descriptor)))
        {
            if (!_byId.TryAdd(d.Id, d) && !ReferenceEquals(_byId[d.Id], d))
            {
                throw new ArgumentException($"Two rules use the identifier {d.Id}.", nameof(options));
            }
        }

        Rules = _byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A validator with the built-in rules.</summary>
    public static DigestValidator Default { get; } = new();

    /// <summary>Every rule this validator reports, parser diagnostics included, ordered by identifier.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>
    /// Starts a validation that takes documents one at a time and keeps of each only an outline and its findings (see
    /// <see cref="DigestValidationSession"/>): for archives too large to hold in memory.
    /// </summary>
    /// <param name="settingsFor">The rule settings of each document; <see langword="null"/> for the defaults.</param>
    /// <returns>The session.</returns>
    public DigestValidationSession StartSession(Func<DigestSource, RuleSettings>? settingsFor = null) => new(this, settingsFor);

    /// <summary>The archive rules, the asynchronous ones and the rest.</summary>
    internal IReadOnlyList<IArchiveRule> ArchiveRules => _archiveRules;

    internal IReadOnlyList<IAsyncArchiveRule> AsyncArchiveRules => _asyncRules;

    /// <summary>One document's own findings: the parser's diagnostics and the document rules', as configured, unsorted.</summary>
    internal List<ValidationFinding> AnalyzeDocument(DigestSource source, RuleSettings settings)
    {
        var findings = new List<ValidationFinding>();
        void Sink(DigestSource _, RuleDescriptor rule, Diagnostic diagnostic, IReadOnlyList<TextEdit> fix) => AddFinding(findings, settings, rule, diagnostic, fix);
        foreach (var d in source.Document.Diagnostics)
        {
            var rule = _byId.GetValueOrDefault(d.Id) ?? new RuleDescriptor { Id = d.Id, Name = d.Id.ToLowerInvariant(), Category = RuleCategory.Parsing, DefaultSeverity = d.Severity, Description = d.Message };
            Sink(source, rule, d, []);
        }

        foreach (var rule in _documentRules)
        {
            if (settings.IsEnabled(rule.Descriptor))
            {
                rule.Analyze(new DocumentRuleContext(source, rule.Descriptor, settings.OptionsOf(rule.Descriptor), Sink));
            }
        }

        return findings;
    }

    /// <summary>Adds a finding as configured: not at all when its rule is off, else with the configured severity.</summary>
    internal static void AddFinding(List<ValidationFinding> findings, RuleSettings settings, RuleDescriptor rule, Diagnostic diagnostic, IReadOnlyList<TextEdit> fix)
    {
        if (!settings.IsEnabled(rule))
        {
            return;
        }

        var severity = settings.SeverityOf(rule, diagnostic.Severity);
        lock (findings)
        {
            findings.Add(new ValidationFinding { Diagnostic = severity == diagnostic.Severity ? diagnostic : diagnostic with { Severity = severity }, Rule = rule, Fix = fix });
        }
    }

    /// <summary>Sorts a file's findings into report order: by offset, then rule identifier.</summary>
    internal static ValidationFinding[] Sorted(IEnumerable<ValidationFinding> findings)
        => [.. findings.OrderBy(f => f.Diagnostic.Span.StartOffset).ThenBy(f => f.Rule.Id, StringComparer.Ordinal)];

    /// <summary>Validates one document on its own (archive rules see only it).</summary>
    /// <param name="source">The document.</param>
    /// <param name="settings">The rule settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The findings.</returns>
    public FileValidation Validate(DigestSource source, RuleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Validate([source], _ => settings ?? RuleSettings.Default).Files[0];
    }

    /// <summary>Validates documents together, without the asynchronous rules.</summary>
    /// <param name="sources">The documents (the archive).</param>
    /// <param name="settingsFor">The rule settings of each document; <see langword="null"/> for the defaults.</param>
    /// <returns>The report.</returns>
    public ValidationReport Validate(IReadOnlyList<DigestSource> sources, Func<DigestSource, RuleSettings>? settingsFor = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var run = new Run(this, sources, settingsFor);
        run.RunSynchronousRules();
        return run.Finish();
    }

    /// <summary>Validates documents together, including the asynchronous archive rules.</summary>
    /// <param name="sources">The documents (the archive).</param>
    /// <param name="settingsFor">The rule settings of each document; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the asynchronous rules.</param>
    /// <returns>The report.</returns>
    public async Task<ValidationReport> ValidateAsync(IReadOnlyList<DigestSource> sources, Func<DigestSource, RuleSettings>? settingsFor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var run = new Run(this, sources, settingsFor);
        run.RunSynchronousRules();
        foreach (var rule in _asyncRules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var enabled = sources.Where(s => run.Settings(s).IsEnabled(rule.Descriptor)).ToArray();
            if (enabled.Length > 0)
            {
                await rule.AnalyzeAsync(run.ArchiveContext(rule.Descriptor, enabled), cancellationToken).ConfigureAwait(false);
            }
        }

        return run.Finish();
    }

    private sealed class Run
    {
        private readonly DigestValidator _owner;
        private readonly IReadOnlyList<DigestSource> _sources;
        private readonly Dictionary<DigestSource, int> _index = new(ReferenceEqualityComparer.Instance);
        private readonly RuleSettings[] _settings;
        private readonly List<ValidationFinding>[] _findings;

        public Run(DigestValidator owner, IReadOnlyList<DigestSource> sources, Func<DigestSource, RuleSettings>? settingsFor)
        {
            _owner = owner;
            _sources = sources;
            _settings = new RuleSettings[sources.Count];
            _findings = new List<ValidationFinding>[sources.Count];
            for (var i = 0; i < sources.Count; i++)
            {
                _index[sources[i]] = i;
                _settings[i] = settingsFor?.Invoke(sources[i]) ?? RuleSettings.Default;
                _findings[i] = [];
            }
        }

        public RuleSettings Settings(DigestSource source) => _settings[_index[source]];

        public void RunSynchronousRules()
        {
            Parallel.For(0, _sources.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
            {
                var own = _owner.AnalyzeDocument(_sources[i], _settings[i]);
                var list = _findings[i];
                lock (list)
                {
                    list.AddRange(own);
                }
            });

            foreach (var rule in _owner._archiveRules)
            {
                var enabled = _sources.Where(s => Settings(s).IsEnabled(rule.Descriptor)).ToArray();
                if (enabled.Length > 0)
                {
                    rule.Analyze(ArchiveContext(rule.Descriptor, enabled));
                }
            }
        }

        public ArchiveRuleContext ArchiveContext(RuleDescriptor descriptor, IReadOnlyList<DigestSource> sources)
            => new(sources, descriptor, s => Settings(s).OptionsOf(descriptor), Add);

        public ValidationReport Finish()
        {
            var files = new FileValidation[_sources.Count];
            for (var i = 0; i < files.Length; i++)
            {
                var source = _sources[i];
                var suppressions = Suppressions.Parse(source);
                var findings = Sorted(_findings[i].Where(f => suppressions.IsEmpty || !suppressions.IsSuppressed(f.Rule.Id, f.Diagnostic.Span)));
                files[i] = new FileValidation { Source = source, Findings = findings };
            }

            return new ValidationReport { Files = files, Rules = _owner.Rules };
        }

        private void Add(DigestSource source, RuleDescriptor rule, Diagnostic diagnostic, IReadOnlyList<TextEdit> fix)
        {
            var i = _index[source];
            AddFinding(_findings[i], _settings[i], rule, diagnostic, fix);
        }
    }
}
