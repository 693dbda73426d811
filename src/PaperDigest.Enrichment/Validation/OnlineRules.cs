using PaperDigest.Enrichment.GitHub;
using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Enrichment.Validation;

/// <summary>
/// The rules <c>validate --online</c> adds: arXiv (PD0200-PD0204) and GitHub (PD0300-PD0306). Every rule shares one
/// lookup of the whole archive (one pass of batched arXiv requests, one pass of GitHub requests), whatever the number of
/// rules that are on.
/// </summary>
public sealed class OnlineRules
{
    private readonly DigestEnricher? _arxiv;
    private readonly IGitHubClient? _github;
    private readonly double _titleThreshold;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<DigestSource>? _checkedSources;
    private List<(DigestSource Source, Diagnostic Diagnostic, IReadOnlyList<TextEdit> Fix)> _findings = [];

    /// <summary>Creates the online rules.</summary>
    /// <param name="arxiv">The arXiv enricher; <see langword="null"/> leaves out the arXiv checks.</param>
    /// <param name="github">The GitHub client; <see langword="null"/> leaves out the repository checks.</param>
    /// <param name="titleThreshold">The least title similarity (0 to 1) that is not a mismatch.</param>
    public OnlineRules(DigestEnricher? arxiv, IGitHubClient? github, double titleThreshold = 0.9)
    {
        _arxiv = arxiv;
        _github = github;
        _titleThreshold = titleThreshold;
        var rules = new List<IAsyncArchiveRule>();
        if (arxiv is not null)
        {
            rules.AddRange(ArxivDescriptors.Select(d => new Rule(this, d)));
        }

        if (github is not null)
        {
            rules.AddRange(GitHubDescriptors.Select(d => new Rule(this, d)));
        }

        Rules = rules;
    }

    /// <summary>The descriptors of the arXiv rules (from <see cref="RuleCatalog.Online"/>).</summary>
    /// <remarks>
    /// Public because the rules a run has depend on the clients given, and a host that lists them per service reads these
    /// two lists (the CLI's docs test checks they split <see cref="RuleCatalog.Online"/>); <see cref="Rules"/> is what runs.
    /// </remarks>
    public static IReadOnlyList<RuleDescriptor> ArxivDescriptors { get; } = [.. RuleCatalog.Online.Where(d => string.CompareOrdinal(d.Id, "PD0300") < 0)];

    /// <summary>The descriptors of the GitHub rules (from <see cref="RuleCatalog.Online"/>).</summary>
    /// <remarks>Public for the reason given at <see cref="ArxivDescriptors"/>.</remarks>
    public static IReadOnlyList<RuleDescriptor> GitHubDescriptors { get; } = [.. RuleCatalog.Online.Where(d => string.CompareOrdinal(d.Id, "PD0300") >= 0)];

    /// <summary>The rules, for <see cref="DigestValidatorOptions.AsyncArchiveRules"/>.</summary>
    public IReadOnlyList<IAsyncArchiveRule> Rules { get; }

    /// <summary>Whether some lookup could not be answered (remote failures, rate limits, offline misses).</summary>
    public bool Incomplete { get; private set; }

    private async Task<IReadOnlyList<(DigestSource Source, Diagnostic Diagnostic, IReadOnlyList<TextEdit> Fix)>> FindingsAsync(IReadOnlyList<DigestSource> sources, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_checkedSources, sources))
            {
                return _findings;
            }

            var findings = new List<(DigestSource, Diagnostic, IReadOnlyList<TextEdit>)>();
            var entries = sources.SelectMany(s => s.Document.Entries.Select(e => (Source: s, Entry: e))).ToList();
            if (_arxiv is not null)
            {
                await foreach (var enriched in _arxiv.EnrichArxivAsync(entries.Select(x => x.Entry), cancellationToken).ConfigureAwait(false))
                {
                    var source = entries[enriched.Index].Source;
                    Incomplete |= !enriched.IsResolved;
                    foreach (var d in ArxivOnlineChecks.Check(enriched, source.Path, _titleThreshold))
                    {
                        findings.Add((source, d, []));
                    }
                }
            }

            if (_github is not null)
            {
                var names = GitHubOnlineChecks.RepositoryNames(entries.Select(x => x.Entry));
                if (names.Count > 0)
                {
                    var results = await _github.GetRepositoriesAsync(names, cancellationToken).ConfigureAwait(false);
                    Incomplete |= results.Values.Any(r => !r.IsDefinite);
                    foreach (var source in sources)
                    {
                        foreach (var finding in GitHubOnlineChecks.Check(source.Document.Entries, results, source.Path))
                        {
                            IReadOnlyList<TextEdit> fix = finding.Fix is { } f && GitHubOnlineChecks.ToTextEdit(source.Text, f) is { } edit ? [edit] : [];

                            findings.Add((source, finding.Diagnostic, fix));
                        }
                    }
                }
            }

            _findings = findings;
            _checkedSources = sources;
            return findings;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Rule(OnlineRules owner, RuleDescriptor descriptor) : IAsyncArchiveRule
    {
        public RuleDescriptor Descriptor => descriptor;

        public async ValueTask AnalyzeAsync(ArchiveRuleContext context, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(context);
            var findings = await owner.FindingsAsync(context.Sources, cancellationToken).ConfigureAwait(false);
            foreach (var (source, diagnostic, fix) in findings)
            {
                if (diagnostic.Id == descriptor.Id)
                {
                    context.Report(source, diagnostic.Span, diagnostic.Message, diagnostic.ArxivId, fix.Count > 0 ? fix : null);
                }
            }
        }
    }
}
