using System.Buffers;
using Markdig;
using Markdig.Syntax;
using PaperDigest.Parsing.Layouts;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing;

/// <summary>
/// Parses digest Markdown into <see cref="DigestDocument"/>s. Built once from <see cref="DigestParserOptions"/>, immutable
/// and safe to share between threads. Problems in the content are reported as diagnostics, never thrown.
/// </summary>
public sealed class DigestParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .Build();

    /// <summary>The layout name recorded on a document that no layout recognises.</summary>
    public const string UnrecognisedLayoutName = "none";

    private readonly IReadOnlyList<IDigestLayout> _layouts;
    private readonly IDigestLayout? _forced;

    /// <summary>With <see cref="DigestParserOptions.ReadConfiguration"/>: each file's configuration, and a parser per configuration.</summary>
    private readonly Validation.ValidationConfigResolver? _configs;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DigestParser? Parser, string? Error)>? _byConfig;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options name a layout that is not known.</exception>
    public DigestParser(DigestParserOptions? options = null)
    {
        Options = options ?? new DigestParserOptions();
        _layouts = Options.Layouts ?? DigestLayouts.All;
        if (_layouts.Count == 0)
        {
            throw new ArgumentException("At least one layout is needed.", nameof(options));
        }

        if (Options.ReadConfiguration)
        {
            _configs = new Validation.ValidationConfigResolver();
            _byConfig = new(StringComparer.Ordinal);
        }

        if (!string.Equals(Options.Layout, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase)
            && !(Options.ReadConfiguration && !_layouts.Any(l => string.Equals(l.Name, Options.Layout, StringComparison.OrdinalIgnoreCase))))
        {
            _forced = _layouts.FirstOrDefault(l => string.Equals(l.Name, Options.Layout, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown layout '{Options.Layout}'. Known layouts: auto, {string.Join(", ", _layouts.Select(l => l.Name))}.", nameof(options));
        }
    }

    /// <summary>A parser with the default options.</summary>
    public static DigestParser Default { get; } = new();

    /// <summary>The options this parser was built with.</summary>
    public DigestParserOptions Options { get; }

    /// <summary>Parses digest text.</summary>
    /// <param name="text">The Markdown text.</param>
    /// <param name="path">The path to record on the document and its diagnostics, if any.</param>
    /// <returns>The document.</returns>
    public DigestDocument Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return ParseCore(text, path, []);
    }

    /// <summary>
    /// Parses digest bytes: UTF-8, with or without BOM. Invalid UTF-8 is reported (with its byte offset) and replaced; a
    /// binary file (NUL bytes) gives one error and no entries.
    /// </summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="path">The path to record, if any.</param>
    /// <returns>The document.</returns>
    public DigestDocument Parse(ReadOnlySpan<byte> utf8, string? path = null)
    {
        if (utf8.Length > Options.MaxFileBytes)
        {
            return Fatal(path, DiagnosticIds.BinaryFile, $"The file is {utf8.Length} bytes, more than the limit of {Options.MaxFileBytes} bytes.");
        }

        var decoded = SourceDecoder.Decode(utf8);
        if (decoded.IsBinary)
        {
            return Fatal(path, DiagnosticIds.BinaryFile, "The file is binary (it contains NUL bytes), not a Markdown digest.");
        }

        var diagnostics = new List<Diagnostic>();
        if (decoded.InvalidByteOffsets.Count > 0)
        {
            var source = new SourceText(decoded.Text);
            foreach (var (byteOffset, charOffset) in decoded.InvalidByteOffsets)
            {
                diagnostics.Add(new Diagnostic
                {
                    Id = DiagnosticIds.InvalidUtf8,
                    Severity = DiagnosticSeverity.Error,
                    Message = $"Invalid UTF-8 at byte offset {byteOffset}; replaced by U+FFFD.",
                    Span = source.Span(charOffset, charOffset + 1),
                    Path = path,
                });
            }
        }

        return ParseCore(decoded.Text, path, diagnostics);
    }

    /// <summary>Reads and parses a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The document.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public DigestDocument ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > Options.MaxFileBytes)
        {
            return Fatal(path, DiagnosticIds.BinaryFile, $"The file is {info.Length} bytes, more than the limit of {Options.MaxFileBytes} bytes.");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads and parses a file asynchronously.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public async Task<DigestDocument> ParseFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > Options.MaxFileBytes)
        {
            return Fatal(path, DiagnosticIds.BinaryFile, $"The file is {info.Length} bytes, more than the limit of {Options.MaxFileBytes} bytes.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, path);
    }

    /// <summary>Parses Markdown text with the pipeline the parser uses (precise source locations, pipe tables).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The Markdown tree.</returns>
    internal static MarkdownDocument ParseMarkdown(string text) => Markdown.Parse(text, Pipeline);

    /// <summary>
    /// The parser for a file under its configuration: <see langword="null"/> (this parser) when the configuration declares
    /// nothing that matters, a parser that knows the declared layouts otherwise, or the reason the requested layout cannot
    /// be had. One parser per configuration file, made once.
    /// </summary>
    private (DigestParser? Parser, string? Error) ForConfiguration(string? path)
    {
        if (_forced is not null)
        {
            // A built-in layout asked for by name wins over the configuration's 'layout'.
            return (null, null);
        }

        var configured = _configs!.TryResolve(path, out var config, out var errors);
        var requested = Options.Layout;
        var builtIn = string.Equals(requested, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase);
        if (!configured)
        {
            // An invalid configuration only matters when it is needed for the layout.
            return builtIn ? (null, null) : (null, $"The layout '{requested}' is not built in, and the configuration that would declare it is invalid: {string.Join(" ", errors)}");
        }

        if (config.Layouts.Count == 0 && config.Layout is null)
        {
            return builtIn ? (null, null) : (null, config.TryGetParserOptions(requested, out _, out var e) ? null : e);
        }

        // 'auto' takes the configuration's 'layout'; a declared name needs the configuration's layouts.
        return _byConfig!.GetOrAdd(config.Path ?? "", static (_, state) =>
        {
            var (self, cfg) = state;
            return cfg.TryGetParserOptions(self.Options.Layout, out var o, out var error)
                ? (new DigestParser(o with { MaxFileBytes = self.Options.MaxFileBytes }), null)
                : (null, error);
        }, (this, config));
    }

    private static DigestDocument Fatal(string? path, string id, string message) => new()
    {
        Path = path,
        Diagnostics = [new Diagnostic { Id = id, Severity = DiagnosticSeverity.Error, Message = message, Span = SourceSpan.Empty, Path = path }],
    };

    private DigestDocument ParseCore(string text, string? path, List<Diagnostic> diagnostics)
    {
        if (_configs is not null)
        {
            var (parser, error) = ForConfiguration(path);
            if (error is not null)
            {
                return Fatal(path, DiagnosticIds.UnrecognisedLayout, error);
            }

            if (parser is not null)
            {
                return parser.ParseCore(text, path, diagnostics);
            }
        }

        var neutralised = new List<(int Start, int End)>();
        var kinds = new List<NeutralisedKind>();
        var lineStarts = new List<int>(Math.Max(16, text.Length / 48));
        var safe = NestingGuard.Sanitize(text, neutralised, lineStarts, kinds);
        var source = new SourceText(text, lineStarts);
        for (var i = 0; i < neutralised.Count; i++)
        {
            var span = source.Span(neutralised[i].Start, neutralised[i].End);
            diagnostics.Add(new Diagnostic
            {
                Id = DiagnosticIds.NestingTooDeep,
                Severity = DiagnosticSeverity.Warning,
                Message = NeutralisedMessage(kinds[i], span),
                Span = span,
                Path = path,
            });
        }

        MarkdownDocument markdown;
        try
        {
            markdown = ParseMarkdown(safe);
        }
        catch (ArgumentException ex)
        {
            // Markdig's own depth limit: nothing sensible can be read.
            diagnostics.Add(new Diagnostic
            {
                Id = DiagnosticIds.NestingTooDeep, Severity = DiagnosticSeverity.Error, Message = $"The file cannot be read as Markdown: {ex.Message}",
                Span = SourceSpan.Empty, Path = path,
            });
            return new DigestDocument { Path = path, Diagnostics = diagnostics };
        }

        // What was neutralised reads as the characters written, not as the no-break spaces Markdig saw.
        NestingGuard.RestoreLiterals(markdown, text, safe);

        // Layouts read the original text (spans are identical); only the tree comes from the sanitised copy.
        var context = new DigestReadContext(path, source, markdown, diagnostics) { Neutralised = neutralised };
        IDigestLayout layout;
        var recognised = true;
        if (_forced is not null)
        {
            layout = _forced;
        }
        else
        {
            layout = _layouts[0];
            var best = 0.0;
            recognised = false;
            DocumentShape? shape = null;
            foreach (var candidate in _layouts)
            {
                // Only a higher score wins: a layout whose bound is no higher than the best so far need not look.
                if (best > 0 && candidate is IDetectionBound bound && bound.MaxScore(shape ??= DocumentShape.Of(markdown)) <= best)
                {
                    continue;
                }

                var score = candidate.Detect(context);
                if (score > best)
                {
                    best = score;
                    layout = candidate;
                    recognised = true;
                }
            }
        }

        var baseDiagnostics = new List<Diagnostic>(diagnostics);
        var hits = _forced is null ? ArxivIdScan.Find(text) : [];
        if (!recognised && LooksLikeContent(markdown, text))
        {
            // No recipe recognises the file: the generic reading tries; if it finds nothing either, say so once.
            var generic = ReadGeneric(path, source, markdown, baseDiagnostics, neutralised);
            if (generic.Context.Entries.Count > 0)
            {
                return Finish(generic.Context, generic.Diagnostics, hits, GenericLayout.LayoutName);
            }

            context.Report(DiagnosticIds.UnrecognisedLayout, DiagnosticSeverity.Error,
                $"No known digest layout recognises this file (known layouts: {string.Join(", ", _layouts.Select(l => l.Name))}).", source.Span(0, 0));
            return Finish(context, diagnostics, hits, UnrecognisedLayoutName);
        }

        layout.Read(context);
        var (_, linked) = Accounted(context.Entries);
        if (_forced is null && NeedsGenericReading(context, hits, linked, byTitles: layout is not HeadingLinkLayout))
        {
            // The recipe leaves identifiers out or reads titles that do not look like titles: read generically and keep the
            // reading that accounts for more papers (then more identifiers, then better titles).
            var generic = ReadGeneric(path, source, markdown, baseDiagnostics, neutralised);
            if (IsBetter(generic.Context, context, hits, byTitles: layout is not HeadingLinkLayout))
            {
                return Finish(generic.Context, generic.Diagnostics, hits, GenericLayout.LayoutName);
            }
        }

        return Finish(context, diagnostics, hits, layout.Name, linked);
    }

    private static (DigestReadContext Context, List<Diagnostic> Diagnostics) ReadGeneric(
        string? path, SourceText source, MarkdownDocument markdown, List<Diagnostic> baseDiagnostics, List<(int Start, int End)> neutralised)
    {
        var diagnostics = new List<Diagnostic>(baseDiagnostics);
        var context = new DigestReadContext(path, source, markdown, diagnostics) { Neutralised = neutralised };
        GenericLayout.Instance.Read(context);
        return (context, diagnostics);
    }

    /// <summary>
    /// Reports an empty digest, duplicates and unaccounted identifiers, sorts the diagnostics and builds the document.
    /// <paramref name="linked"/> is what the entries account for, when the caller already knows it.
    /// </summary>
    private static DigestDocument Finish(DigestReadContext context, List<Diagnostic> diagnostics, List<ArxivIdScan.Hit> hits, string layoutName, HashSet<string>? linked = null)
    {
        var text = context.Text;
        if (context.Entries.Count == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            context.Report(DiagnosticIds.NoEntries, text.AsSpan().IsWhiteSpace() ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning,
                text.AsSpan().IsWhiteSpace() ? "The file is empty." : $"No digest entries found (layout '{layoutName}').", context.Span(0, 0));
        }

        ReportDuplicates(context);
        ReportBrokenPaperLinks(context);
        ReportUnaccounted(context, hits, linked ?? Accounted(context.Entries).Linked);
        diagnostics.Sort((a, b) => a.Span.StartOffset.CompareTo(b.Span.StartOffset));
        return context.Build(layoutName);
    }

    /// <summary>The distinct identifiers that are an entry's paper, and those named anywhere in an entry's links.</summary>
    private static (HashSet<string> Papers, HashSet<string> Linked) Accounted(IReadOnlyList<DigestEntry> entries)
    {
        var papers = new HashSet<string>(StringComparer.Ordinal);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e.ArxivId is { } id)
            {
                papers.Add(id.Value);
                linked.Add(id.Value);
            }

            foreach (var l in e.Links)
            {
                if (l.ArxivId is { } lid)
                {
                    linked.Add(lid.Value);
                }
            }
        }

        return (papers, linked);
    }

    /// <summary>
    /// Whether the recipe's reading leaves an identifier out of the papers or, when <paramref name="byTitles"/>, reads titles that
    /// do not look like titles. The canonical layout's titles are positional (validation rules report swapped or untranslated
    /// titles there), so only missing papers make it read again.
    /// </summary>
    private static bool NeedsGenericReading(DigestReadContext context, List<ArxivIdScan.Hit> hits, HashSet<string> linked, bool byTitles)
    {
        if (hits.Count == 0)
        {
            // No identifier to account for: a recipe other than the canonical one may have read one section of a digest
            // whose form changes partway; the generic reading may find more titled entries.
            return byTitles && context.Entries.Count > 0;
        }

        // An identifier in no entry at all, or an entry without a paper while the text names papers.
        foreach (var h in hits)
        {
            if (!linked.Contains(h.Id))
            {
                return true;
            }
        }

        if (context.Entries.Any(e => e.ArxivId is null))
        {
            return true;
        }

        if (!byTitles || context.Entries.Count == 0)
        {
            return false;
        }

        var odd = 0;
        foreach (var e in context.Entries)
        {
            if (!TitlesLookRight(e))
            {
                odd++;
            }
        }

        return odd * 5 >= context.Entries.Count;
    }

    /// <summary>Whether an entry's titles are what their fields say: English in <c>title</c>, another script in <c>translatedTitle</c>.</summary>
    private static bool TitlesLookRight(DigestEntry e)
    {
        if (e.Title.Length == 0 && e.TranslatedTitle.Length == 0)
        {
            return false;
        }

        if (e.Title.Length > 0 && !IsTitleLike(e.Title))
        {
            return false;
        }

        return e.TranslatedTitle.Length == 0 || TitleRules.RoleOf(e.TranslatedTitle) == LineRole.TranslatedTitle;
    }

    /// <summary>
    /// Whether an English title reads as one: Latin script, not a label word, not a labelled field (<c>URL: …</c>,
    /// <c>links: abs | pdf</c>), no URL in it.
    /// </summary>
    private static bool IsTitleLike(string title)
        => TitleRules.RoleOf(title) != LineRole.None && !TitleRules.IsMostlyCjk(title) && !TitleRules.IsLabelWord(title)
           && TitleRules.Label(title, out _) is not (TitleRules.LabelKind.Metadata or TitleRules.LabelKind.Abstract)
           && !title.Contains("://", StringComparison.Ordinal);

    /// <summary>One point for each title field that holds a title of its kind, one off for each that holds the other kind or a label.</summary>
    private static int TitleScore(DigestEntry e)
    {
        var score = 0;
        if (e.Title.Length > 0)
        {
            score += IsTitleLike(e.Title) ? 1 : -1;
        }

        if (e.TranslatedTitle.Length > 0)
        {
            score += TitleRules.RoleOf(e.TranslatedTitle) == LineRole.TranslatedTitle ? 1 : -1;
        }

        return score;
    }

    /// <summary>
    /// Papers a recipe's entry leaves unread: one for an entry without a paper; for an entry whose links name three or more
    /// papers (a recipe that took a section for an entry), all but one.
    /// </summary>
    private static int Unread(DigestEntry e)
    {
        var ids = e.Links.Where(l => l.ArxivId is not null).Select(l => l.ArxivId!.Value.Value).Distinct().Count();
        return e.ArxivId is null ? Math.Max(1, ids) : ids >= 3 ? ids - 1 : 0;
    }

    private static int Repeats(IReadOnlyList<DigestEntry> entries)
        => entries.Count(e => e.ArxivId is not null) - entries.Where(e => e.ArxivId is not null).Select(e => e.ArxivId!.Value.Value).Distinct().Count();

    private static bool IsBetter(DigestReadContext generic, DigestReadContext recipe, List<ArxivIdScan.Hit> hits, bool byTitles)
    {
        if (generic.Entries.Count == 0)
        {
            return false;
        }

        // First what each reading accounts for at all (as a paper or a link in an entry), then papers: the generic reading wins
        // on papers only where the recipe left entries without one (a link it did not expect), not by splitting its entries.
        if (hits.Count == 0)
        {
            return byTitles && generic.Entries.Count >= recipe.Entries.Count && generic.Entries.Sum(TitleScore) > recipe.Entries.Sum(TitleScore);
        }

        var (gp, gl) = Accounted(generic.Entries);
        var (rp, rl) = Accounted(recipe.Entries);
        var named = hits.Select(h => h.Id).Distinct().ToList();
        var ga = named.Count(gl.Contains);
        var ra = named.Count(rl.Contains);
        if (ga != ra)
        {
            return ga > ra;
        }

        if (Repeats(generic.Entries) > Repeats(recipe.Entries))
        {
            // The generic reading split one paper's entry in two.
            return false;
        }

        if (gp.Count != rp.Count)
        {
            return gp.Count > rp.Count && recipe.Entries.Sum(Unread) >= gp.Count - rp.Count;
        }

        return byTitles && generic.Entries.Sum(TitleScore) > recipe.Entries.Sum(TitleScore);
    }

    /// <summary>Invisible format characters: zero-width, bidirectional embeddings, overrides and isolates, marks, the BOM, the soft hyphen.</summary>
    private static readonly SearchValues<char> Invisible = SearchValues.Create(
        "\u00AD\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF");

    /// <summary>
    /// An entry's paper link that is no web address (<c>[链接](暂无)</c>), holds an invisible control character, or is cut
    /// short by one (<c>https://arx&#x202E;iv.org/abs/…</c>, read as <c>https://arx</c>) is named (PD0021): the entry would
    /// otherwise carry a broken URL without a word.
    /// </summary>
    private static void ReportBrokenPaperLinks(DigestReadContext context)
    {
        var text = context.Text;
        foreach (var e in context.Entries)
        {
            var span = e.LinkSpan;
            if (e.Url.Length == 0 || span.Length == 0 || span.EndOffset > text.Length)
            {
                continue;
            }

            string? problem = null;
            var inside = e.Url.AsSpan().IndexOfAny(Invisible);
            if (inside >= 0)
            {
                problem = $"holds the invisible control character U+{(int)e.Url[inside]:X4}";
            }
            else if (e.ArxivId is null && !IsAddress(e.Url))
            {
                problem = "is not a web address";
            }
            else if (span.EndOffset + 1 < text.Length && Invisible.Contains(text[span.EndOffset]) && text[span.EndOffset - 1] is not (')' or '>')
                && !char.IsWhiteSpace(text[span.EndOffset + 1]) && text[span.EndOffset + 1] is not ('<' or '>' or ')' or ']' or '"' or '`'))
            {
                var end = span.EndOffset + 1;
                while (end < text.Length && end - span.EndOffset <= 40 && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '>' or ')' or ']' or '"' or '`'))
                {
                    end++;
                }

                problem = $"is cut short by the invisible control character U+{(int)text[span.EndOffset]:X4}; '{text[(span.EndOffset + 1)..end]}' after it is not part of the link";
            }

            if (problem is not null)
            {
                context.Report(DiagnosticIds.MalformedLink, DiagnosticSeverity.Error,
                    $"The paper link '{MarkdownText.Shorten(e.Url)}' of entry '{MarkdownText.Shorten(e.Title.Length > 0 ? e.Title : e.TranslatedTitle)}' {problem}.", span, e.ArxivId?.Value);
            }
        }
    }

    /// <summary>
    /// An absolute http(s) URL with a host, or a relative reference made of URL characters (a local path). Only asked of
    /// links that are no arXiv link: an identified arXiv link is an address, and most entries have one.
    /// </summary>
    private static bool IsAddress(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return uri.Scheme is not ("http" or "https") || uri.Host.Length > 0;
        }

        foreach (var c in url)
        {
            if (c <= ' ' || c >= '\u007F')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Every identifier the text names is an entry's paper, a link in an entry, or named here with its position and why it
    /// is not an entry: nothing is lost without a word.
    /// </summary>
    private static void ReportUnaccounted(DigestReadContext context, List<ArxivIdScan.Hit> hits, HashSet<string> linked)
    {
        if (hits.Count == 0)
        {
            return;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        var entries = context.Entries;
        foreach (var h in hits)
        {
            if (linked.Contains(h.Id) || !reported.Add(h.Id))
            {
                continue;
            }

            string where;
            var inside = entries.FirstOrDefault(e => e.Span.StartOffset <= h.Offset && h.Offset < e.Span.EndOffset);
            if (inside is not null)
            {
                where = $"it is named in the text of the entry at line {inside.Span.StartLine}, not as a link";
            }
            else if (entries.Count == 0 || h.Offset < entries[0].Span.StartOffset)
            {
                where = "it stands before the first entry (a header, navigation or a badge)";
            }
            else if (h.Offset >= entries[^1].Span.EndOffset)
            {
                where = "it stands after the last entry";
            }
            else
            {
                where = "it stands between entries, in no entry's unit";
            }

            context.Report(DiagnosticIds.UnaccountedArxivId, DiagnosticSeverity.Info, $"arXiv {h.Id} is not an entry: {where}.", context.Span(h.Offset, h.Offset + h.Length), h.Id);
        }
    }

    /// <summary>The PD0013 message for a range the nesting guard neutralised.</summary>
    private static string NeutralisedMessage(NeutralisedKind kind, SourceSpan span)
    {
        var lines = span.StartLine == span.EndLine ? $"Line {span.StartLine}" : $"Lines {span.StartLine}-{span.EndLine}";
        var one = span.StartLine == span.EndLine;
        return kind switch
        {
            NeutralisedKind.Emphasis =>
                $"{lines} {(one ? "holds" : "hold")} more emphasis markers in one block than Markdown can read in reasonable time; {(one ? "its" : "their")} '*' and '_' are read as plain text.",
            NeutralisedKind.Html =>
                $"{lines} {(one ? "nests" : "nest")} HTML elements more than {NestingGuard.MaxHtmlDepth} deep; {(one ? "its" : "their")} tags are read as plain text.",
            NeutralisedKind.Definitions =>
                $"{lines} {(one ? "follows" : "follow")} {NestingGuard.MaxDefinitionRun} link reference definitions in a row; {(one ? "it is" : "they are")} read as paragraph text.",
            _ => one
                ? $"{lines} is nested too deeply to read as Markdown structure; it is read as plain text."
                : $"{lines} are nested too deeply to read as Markdown structure; they are read as plain text.",
        };
    }

    /// <summary>
    /// Whether an unrecognised file holds something that could be entries (section headings, or links beyond a header's
    /// badges): then it is an unknown layout. A header with no papers (an empty day) is read as an empty digest instead.
    /// </summary>
    private static bool LooksLikeContent(MarkdownDocument markdown, string text)
    {
        if (text.AsSpan().IsWhiteSpace())
        {
            return false;
        }

        foreach (var block in markdown)
        {
            if (block is HeadingBlock { Level: >= 2 } or Markdig.Extensions.Tables.Table or ListBlock)
            {
                return true;
            }
        }

        var links = 0;
        var at = 0;
        while ((at = text.IndexOf("http", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            if (++links >= 3)
            {
                return true;
            }

            at += 4;
        }

        return false;
    }

    private static void ReportDuplicates(DigestReadContext context)
    {
        if (context.Entries.Count < 2)
        {
            return;
        }

        var seen = new Dictionary<string, DigestEntry>(context.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in context.Entries)
        {
            if (entry.ArxivId is not { } id)
            {
                continue;
            }

            if (seen.TryGetValue(id.Value, out var first))
            {
                context.Report(DiagnosticIds.DuplicateArxivIdInFile, DiagnosticSeverity.Warning,
                    $"arXiv {id.Value} is listed again; first listed at line {first.Span.StartLine}.", entry.LinkSpan, id.Value);
            }
            else
            {
                seen.Add(id.Value, entry);
            }
        }
    }
}
