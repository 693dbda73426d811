using System.Collections.Frozen;
using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Validation;

/// <summary>Every rule descriptor PaperDigest knows: the parser's diagnostics and the validation rules.</summary>
public static class RuleCatalog
{
    private static readonly FrozenDictionary<string, RuleDescriptor> ByKey;

    static RuleCatalog()
    {
        All =
        [
            P(DiagnosticIds.MissingPaperLink, "missing-arxiv-link", DiagnosticSeverity.Error,
                "An entry heading has no '[translated title](arXiv URL)' paragraph after it.",
                "Every entry must link its paper; without the link the entry cannot be identified, deduplicated or enriched."),
            P(DiagnosticIds.NotArxivLink, "not-arxiv-link", DiagnosticSeverity.Warning,
                "The paper link is not an arXiv link (or a page that names an arXiv identifier).",
                "Entries are identified by their arXiv identifier; a link elsewhere cannot be checked against arXiv."),
            P(DiagnosticIds.MalformedArxivId, "malformed-arxiv-id", DiagnosticSeverity.Error,
                "An arXiv link whose identifier is malformed.",
                "A malformed identifier points at no paper: usually a typo or a truncated copy."),
            P(DiagnosticIds.EmptyTitle, "empty-title", DiagnosticSeverity.Error,
                "An entry heading has no text.",
                "The English title is what readers scan and what entries are matched by when there is no arXiv identifier."),
            P(DiagnosticIds.EmptyTranslatedTitle, "empty-translated-title", DiagnosticSeverity.Warning,
                "The paper link has no text, so the entry has no translated title.",
                "The translated title is half of what a digest offers its readers."),
            P(DiagnosticIds.EmptyAbstract, "empty-abstract", DiagnosticSeverity.Warning,
                "An entry has no abstract.",
                "An entry without an abstract is usually a generation step that failed."),
            P(DiagnosticIds.RepairedUrl, "repaired-url", DiagnosticSeverity.Warning,
                "A broken URL ('github. com', 'https: //') was read as a repaired URL.",
                "Broken URLs do not work when clicked; the repaired form is what the text meant."),
            P(DiagnosticIds.StrayContent, "stray-content", DiagnosticSeverity.Warning,
                "Content between entries, or after the paper link, belongs to no field.",
                "Content outside the fields is lost when the digest is read as records or reformatted."),
            P(DiagnosticIds.DuplicateArxivIdInFile, "duplicate-arxiv-id-in-file", DiagnosticSeverity.Warning,
                "The same arXiv identifier is listed twice in one file.",
                "A paper should appear once per digest."),
            P(DiagnosticIds.InvalidUtf8, "invalid-utf8", DiagnosticSeverity.Error,
                "The file holds bytes that are not valid UTF-8.",
                "Invalid bytes show as replacement characters and usually mean a file was saved in another encoding."),
            P(DiagnosticIds.BinaryFile, "binary-file", DiagnosticSeverity.Error,
                "The file is binary (NUL bytes) or too large, not a Markdown digest.",
                "A binary file among the digests is a mistake in what was committed."),
            P(DiagnosticIds.NoEntries, "no-entries", DiagnosticSeverity.Warning,
                "The file has no digest entries.",
                "A digest without entries is empty or in a layout PaperDigest does not recognise."),
            P(DiagnosticIds.NestingTooDeep, "nesting-too-deep", DiagnosticSeverity.Warning,
                "Markdown nested too deeply (or too costly: thousands of emphasis markers or HTML elements in one block, a thousand link definitions in a row) to be read as structure; read as plain text.",
                "Deep nesting is never intended in a digest and is expensive to render."),
            P(DiagnosticIds.EmptyLink, "empty-link", DiagnosticSeverity.Error,
                "A link whose target is empty, such as '[Title]()' or '[]()'.",
                "An empty link goes nowhere: usually a template field that was never filled."),
            P(DiagnosticIds.UnrecognisedLayout, "unrecognised-layout", DiagnosticSeverity.Error,
                "No known digest layout recognises the file.",
                "A file that holds sections and links but no entries PaperDigest can read would otherwise pass as an empty success."),
            P(DiagnosticIds.TemplatePlaceholder, "unfilled-template-field", DiagnosticSeverity.Warning,
                "A labelled field left empty by the generator ('**论文链接：** []()'), or a '[]()' where a paper should be.",
                "The generator's template was not filled: the entry lost its link."),
            P(DiagnosticIds.ZeroWidthSpace, "zero-width-space", DiagnosticSeverity.Warning,
                "Zero-width spaces (or joiners, stray byte-order marks) inside an entry; removed from titles.",
                "Invisible characters break search, copy and paste, and duplicate detection."),
            P(DiagnosticIds.TitleWrapped, "title-wrapped", DiagnosticSeverity.Info,
                "A title hard-wrapped over several source lines; read as one line.",
                "Wrapped titles are read correctly, but tools that read line by line will cut them."),
            P(DiagnosticIds.BadgeLinkText, "badge-link-text", DiagnosticSeverity.Info,
                "A link whose text is only a badge image, so it carries no title.",
                "A badge says nothing to a screen reader or to a text export."),
            P(DiagnosticIds.CodeLinkIsPaper, "code-link-is-paper", DiagnosticSeverity.Warning,
                "A code link that points at a paper (arXiv) rather than at code.",
                "Readers who follow the code link expect code."),
            P(DiagnosticIds.MalformedLink, "malformed-link", DiagnosticSeverity.Warning,
                "Text meant as a Markdown link that is not one ('[Title]{(URL)', spaces in the target); read as title and target.",
                "Markdown renders it as plain text: readers see brackets, not a link."),
            P(DiagnosticIds.NumberedTitle, "numbered-title", DiagnosticSeverity.Info,
                "An entry number written before the title ('## 1. Title'); it is not part of the title.",
                "The number is read off so that titles match the paper's; fmt leaves such files alone rather than drop the numbers."),
            P(DiagnosticIds.UnaccountedArxivId, "unaccounted-arxiv-id", DiagnosticSeverity.Info,
                "An arXiv identifier named in the file is neither an entry's paper nor a link in an entry; the message says where it stands.",
                "Nothing is lost without a word: a paper the reading missed shows up here, while navigation, badges and related work are expected."),
            V(RuleIds.UntranslatedTitle, "untranslated-title", DiagnosticSeverity.Warning,
                "The translated title has no CJK characters although the rest of the file has them.",
                "In a Chinese digest a translated title in English means the translation step was skipped."),
            V(RuleIds.SwappedTitles, "swapped-titles", DiagnosticSeverity.Warning,
                "The English title has CJK characters and the translated title has none: the titles look swapped.",
                "Swapped titles put the translation where readers and tools expect the original title."),
            V(RuleIds.LinkTextUrlMismatch, "link-text-url-mismatch", DiagnosticSeverity.Warning,
                "A link's text is a URL different from the link's target.",
                "Readers trust the URL they see; a different target is a copy mistake or misleading."),
            V(RuleIds.UnfilledPlaceholder, "unfilled-placeholder", DiagnosticSeverity.Error,
                "A template placeholder such as '{abstract}' or '{ai_comment}' was never filled.",
                "A placeholder in a published digest means a generation step failed silently."),
            V(RuleIds.EmptyLinkText, "empty-link-text", DiagnosticSeverity.Warning,
                "A link in the abstract has no text, such as '[](https://...)'.",
                "A link without text is invisible when rendered."),
            V(RuleIds.DuplicateArxivId, "duplicate-arxiv-id", DiagnosticSeverity.Error,
                "The same arXiv identifier is listed in two files validated together.",
                "A paper should appear once in an archive; a second listing is usually a re-run of a day's digest."),
            V(RuleIds.VersionedArxivLink, "versioned-arxiv-link", DiagnosticSeverity.Info,
                "The paper link names an arXiv version ('...v2'); the unversioned link always shows the latest.",
                "Versioned links freeze readers on an old revision of the paper.", fixable: true),
            V(RuleIds.ShortAbstract, "short-abstract", DiagnosticSeverity.Warning,
                "The abstract is shorter than the configured minimum (option 'minLength', default 40 characters).",
                "A very short abstract is usually truncated output or a placeholder."),
            V(RuleIds.PdfExtractionArtifact, "pdf-extraction-artifact", DiagnosticSeverity.Info,
                "A word broken by PDF extraction, such as 'test- time'.",
                "Hyphenation left over from PDF line breaks makes titles hard to search."),
            V(RuleIds.NonCanonicalFormat, "non-canonical-format", DiagnosticSeverity.Warning,
                "Formatting differs from the canonical layout: trailing spaces, a missing or extra blank line, a wrong heading level.",
                "A canonical layout keeps diffs small and lets every tool read the archive the same way.", fixable: true),
            V(RuleIds.UnfinishedEntry, "unfinished-entry", DiagnosticSeverity.Error,
                "An entry's translated title or abstract is still the placeholder 'paperdigest add' writes (option 'placeholder', default 'TODO-paperdigest').",
                "An entry started from an arXiv ID is not finished until someone writes its translation and abstract; CI must not publish it half done."),
        ];

        Online =
        [
            A(RuleIds.ArxivIdNotFound, "arxiv-id-not-found", DiagnosticSeverity.Error,
                "arXiv has no paper with the linked identifier.",
                "A typo in an identifier sends every reader to the wrong page or to none."),
            A(RuleIds.TitleDiffersFromArxiv, "title-differs-from-arxiv", DiagnosticSeverity.Warning,
                "The entry's English title differs from arXiv's beyond the configured similarity.",
                "A title that does not match the linked paper usually means the wrong link."),
            A(RuleIds.WithdrawnPaper, "withdrawn-paper", DiagnosticSeverity.Warning,
                "arXiv's comment says the paper is withdrawn.",
                "Readers should not be sent to a withdrawn paper without a word."),
            A(RuleIds.ArxivNotChecked, "arxiv-not-checked", DiagnosticSeverity.Info,
                "The identifier could not be checked against arXiv (remote failure).",
                "Says which entries the online check could not cover."),
            A(RuleIds.ArxivVersionNotFound, "arxiv-version-not-found", DiagnosticSeverity.Warning,
                "The link cites a version newer than arXiv's latest.",
                "A version that does not exist yet is a typo."),
            G(RuleIds.RepositoryNotFound, "repository-not-found", DiagnosticSeverity.Error,
                "The linked GitHub repository does not exist (or is private).",
                "A dead code link is the first thing readers of a digest notice."),
            G(RuleIds.RepositoryRenamed, "repository-renamed", DiagnosticSeverity.Warning,
                "The linked GitHub repository was renamed or transferred; the message gives the canonical URL.",
                "Redirects from old names break when the old name is reused.", fixable: true),
            G(RuleIds.RepositoryArchived, "repository-archived", DiagnosticSeverity.Info,
                "The linked GitHub repository is archived (read-only).",
                "Worth knowing: the code is no longer maintained."),
            G(RuleIds.RepositoryAccessBlocked, "repository-access-blocked", DiagnosticSeverity.Error,
                "Access to the linked GitHub repository is blocked for legal reasons (HTTP 451).",
                "Readers cannot reach the code."),
            G(RuleIds.RepositoryDisabled, "repository-disabled", DiagnosticSeverity.Error,
                "The linked GitHub repository is disabled.",
                "Readers cannot reach the code."),
            G(RuleIds.RepositoryCheckFailed, "repository-check-failed", DiagnosticSeverity.Info,
                "The repository could not be checked (remote failure).",
                "Says which links the online check could not cover."),
            G(RuleIds.RepositoryNotChecked, "repository-not-checked", DiagnosticSeverity.Info,
                "The repository was not checked (rate limit spent, or offline with no cached answer).",
                "Says which links the online check could not cover."),
        ];

        var map = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in All.Concat(Online))
        {
            map.Add(d.Id, d);
            map.Add(d.Name, d);
        }

        ByKey = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every descriptor, ordered by identifier.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; }

    /// <summary>
    /// The rules of <c>validate --online</c> (arXiv PD0200 and up, GitHub PD0300 and up), ordered by identifier: run by the
    /// enrichment package, known here so that a configuration can name them.
    /// </summary>
    public static IReadOnlyList<RuleDescriptor> Online { get; }

    /// <summary>Finds a descriptor by identifier (<c>PD0003</c>) or name (<c>malformed-arxiv-id</c>), ignoring case.</summary>
    /// <param name="idOrName">The identifier or name.</param>
    /// <returns>The descriptor, or <see langword="null"/> when none has that identifier or name.</returns>
    public static RuleDescriptor? Find(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return ByKey.GetValueOrDefault(idOrName.Trim());
    }

    private static RuleDescriptor P(string id, string name, DiagnosticSeverity severity, string description, string rationale)
        => D(RuleCategory.Parsing, id, name, severity, description, rationale, fixable: false);

    private static RuleDescriptor V(string id, string name, DiagnosticSeverity severity, string description, string rationale, bool fixable = false)
        => D(RuleCategory.Validation, id, name, severity, description, rationale, fixable);

    private static RuleDescriptor A(string id, string name, DiagnosticSeverity severity, string description, string rationale)
        => D(RuleCategory.OnlineArxiv, id, name, severity, description, rationale, fixable: false);

    private static RuleDescriptor G(string id, string name, DiagnosticSeverity severity, string description, string rationale, bool fixable = false)
        => D(RuleCategory.OnlineGitHub, id, name, severity, description, rationale, fixable);

    private static RuleDescriptor D(RuleCategory category, string id, string name, DiagnosticSeverity severity, string description, string rationale, bool fixable)
        => new() { Id = id, Name = name, Category = category, DefaultSeverity = severity, Description = description, Rationale = rationale, IsFixable = fixable };
}
