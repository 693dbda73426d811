using Markdig;
using Markdig.Syntax;
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

        if (!string.Equals(Options.Layout, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase))
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

    private static DigestDocument Fatal(string? path, string id, string message) => new()
    {
        Path = path,
        Diagnostics = [new Diagnostic { Id = id, Severity = DiagnosticSeverity.Error, Message = message, Span = SourceSpan.Empty, Path = path }],
    };

    private DigestDocument ParseCore(string text, string? path, List<Diagnostic> diagnostics)
    {
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

        if (!recognised && LooksLikeContent(markdown, text))
        {
            // No layout recognises the file: say so once rather than reading it with a layout that does not fit.
            context.Report(DiagnosticIds.UnrecognisedLayout, DiagnosticSeverity.Error,
                $"No known digest layout recognises this file (known layouts: {string.Join(", ", _layouts.Select(l => l.Name))}).", source.Span(0, 0));
            diagnostics.Sort((a, b) => a.Span.StartOffset.CompareTo(b.Span.StartOffset));
            return context.Build(UnrecognisedLayoutName);
        }

        layout.Read(context);
        if (context.Entries.Count == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            context.Report(DiagnosticIds.NoEntries, text.AsSpan().IsWhiteSpace() ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning,
                text.AsSpan().IsWhiteSpace() ? "The file is empty." : $"No digest entries found (layout '{layout.Name}').", source.Span(0, 0));
        }

        ReportDuplicates(context);
        diagnostics.Sort((a, b) => a.Span.StartOffset.CompareTo(b.Span.StartOffset));
        return context.Build(layout.Name);
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
