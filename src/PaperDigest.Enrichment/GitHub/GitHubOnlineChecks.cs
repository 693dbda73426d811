using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>A proposed rewrite of one GitHub link: within <see cref="Span"/>, replace <see cref="OriginalUrl"/> with <see cref="ReplacementUrl"/>.</summary>
/// <param name="Span">The link's characters in the source (the whole Markdown link, autolink or bare URL).</param>
/// <param name="OriginalUrl">The URL as written in the source (<see cref="DigestLink.OriginalUrl"/>).</param>
/// <param name="ReplacementUrl">The URL to write instead: the same URL with the canonical <c>owner/name</c>.</param>
internal sealed record GitHubLinkFix(SourceSpan Span, string OriginalUrl, string ReplacementUrl);

/// <summary>One finding of <see cref="GitHubOnlineChecks.Check"/>: a diagnostic and, for renamed repositories, the fix.</summary>
/// <param name="Diagnostic">The diagnostic.</param>
/// <param name="Fix">The rewrite that resolves it, when there is one.</param>
internal sealed record GitHubLinkFinding(Diagnostic Diagnostic, GitHubLinkFix? Fix = null);

/// <summary>Turns GitHub lookups into <c>validate --online</c> diagnostics (PD0300–PD0309) and link fixes.</summary>
internal static class GitHubOnlineChecks
{
    /// <summary>The distinct <c>owner/name</c> of every GitHub repository linked from the entries, in first-seen order (case-insensitive).</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The names, ready for <see cref="IGitHubClient.GetRepositoriesAsync"/>.</returns>
    public static IReadOnlyList<string> RepositoryNames(IEnumerable<DigestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var entry in entries)
        {
            foreach (var link in entry.Links)
            {
                if (NameOf(link) is { } name && seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Checks every GitHub repository link of the entries against the lookup results: not found (PD0300), renamed or
    /// transferred (PD0301, with a fix), archived (PD0302), access blocked (PD0303), disabled (PD0304), check failed (PD0305),
    /// not checked (PD0306). Links whose repository has no result are skipped.
    /// </summary>
    /// <param name="entries">The entries, with positions from the parser.</param>
    /// <param name="results">The lookup results by requested <c>owner/name</c> (case-insensitive lookups are made).</param>
    /// <param name="path">The file the entries come from, for the diagnostics.</param>
    /// <returns>The findings in source order.</returns>
    public static IReadOnlyList<GitHubLinkFinding> Check(IEnumerable<DigestEntry> entries, IReadOnlyDictionary<string, RepositoryResult> results, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(results);
        var byName = new Dictionary<string, RepositoryResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in results)
        {
            byName[key] = value;
        }

        var findings = new List<GitHubLinkFinding>();
        foreach (var entry in entries)
        {
            foreach (var link in entry.Links)
            {
                if (NameOf(link) is not { } name || !byName.TryGetValue(name, out var result))
                {
                    continue;
                }

                Diagnostic Make(string id, DiagnosticSeverity severity, string message) => new()
                {
                    Id = id,
                    Severity = severity,
                    Message = message,
                    Span = link.Span,
                    Path = path,
                    ArxivId = entry.ArxivId?.Value,
                };

                switch (result.State)
                {
                    case RepositoryState.NotFound:
                        findings.Add(new(Make(GitHubDiagnosticIds.RepositoryNotFound, DiagnosticSeverity.Warning, $"GitHub repository {name} was not found (deleted, or private).")));
                        break;
                    case RepositoryState.Blocked:
                        findings.Add(new(Make(GitHubDiagnosticIds.RepositoryBlocked, DiagnosticSeverity.Warning, $"GitHub repository {name} is blocked: {result.Reason ?? "access blocked for legal reasons (HTTP 451)"}")));
                        break;
                    case RepositoryState.Failed:
                        findings.Add(new(Make(GitHubDiagnosticIds.RepositoryCheckFailed, DiagnosticSeverity.Info, $"GitHub repository {name} could not be checked: {result.Reason ?? "the lookup failed"}")));
                        break;
                    case RepositoryState.NotResolved:
                        findings.Add(new(Make(GitHubDiagnosticIds.RepositoryNotChecked, DiagnosticSeverity.Info, $"GitHub repository {name} was not checked: {result.Reason ?? "not asked"}")));
                        break;
                    case RepositoryState.Found or RepositoryState.Renamed when result.Repository is { } repo:
                        if (result.State == RepositoryState.Renamed || !string.Equals(repo.FullName, name, StringComparison.OrdinalIgnoreCase))
                        {
                            var replacement = ReplacementUrl(link, name, repo);
                            findings.Add(new(
                                Make(GitHubDiagnosticIds.RepositoryRenamed, DiagnosticSeverity.Warning, $"GitHub repository {name} was renamed or transferred; it is now {repo.HtmlUrl}"),
                                new GitHubLinkFix(link.Span, link.OriginalUrl, replacement)));
                        }

                        if (repo.Archived)
                        {
                            findings.Add(new(Make(GitHubDiagnosticIds.RepositoryArchived, DiagnosticSeverity.Info, $"GitHub repository {repo.FullName} is archived (read-only).")));
                        }

                        if (repo.Disabled)
                        {
                            findings.Add(new(Make(GitHubDiagnosticIds.RepositoryDisabled, DiagnosticSeverity.Warning, $"GitHub repository {repo.FullName} is disabled by GitHub.")));
                        }

                        break;
                }
            }
        }

        return findings;
    }

    /// <summary>A link fix as a text edit of the source it was computed from; <see langword="null"/> when the span no longer holds the original URL.</summary>
    /// <param name="source">The source text.</param>
    /// <param name="fix">The fix.</param>
    /// <returns>The edit, or <see langword="null"/>.</returns>
    public static TextEdit? ToTextEdit(string source, GitHubLinkFix fix)
    {
        var span = fix.Span;
        if (span.StartOffset < 0 || span.Length <= 0 || span.EndOffset > source.Length)
        {
            return null;
        }

        var at = source.IndexOf(fix.OriginalUrl, span.StartOffset, span.Length, StringComparison.Ordinal);
        return at < 0 ? null : new TextEdit(at, at + fix.OriginalUrl.Length, fix.ReplacementUrl);
    }

    private static string? NameOf(DigestLink link)
        => link.Kind == LinkKind.GitHubRepository && !string.IsNullOrEmpty(link.Owner) && !string.IsNullOrEmpty(link.Repo)
            ? $"{link.Owner}/{link.Repo}"
            : null;

    /// <summary>The link as written with the old <c>owner/name</c> swapped for the canonical one (so deep links keep their path), else the canonical URL.</summary>
    private static string ReplacementUrl(DigestLink link, string oldName, GitHubRepository repo)
    {
        var original = link.OriginalUrl;
        var marker = "github.com/" + oldName;
        var at = original.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var end = at + marker.Length;
            var boundary = end == original.Length || original[end] is '/' or '?' or '#' || original.AsSpan(end).StartsWith(".git", StringComparison.Ordinal);
            if (boundary)
            {
                return string.Concat(original.AsSpan(0, at), "github.com/", repo.FullName, original.AsSpan(end));
            }
        }

        return repo.HtmlUrl;
    }
}
