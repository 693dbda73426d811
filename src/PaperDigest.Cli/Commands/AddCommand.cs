using System.CommandLine;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Validation;
using PaperDigest.Validation.Rules;
using PaperDigest.Writing;

namespace PaperDigest.Cli.Commands;

/// <summary>
/// <c>paperdigest add</c>: starts a canonical entry per arXiv identifier, with the English title and link from arXiv and
/// the translated title and abstract given or left as the placeholder that PD0110 reports.
/// </summary>
internal static class AddCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("ids")
        {
            Description = "arXiv identifiers in any form: 2501.19393, 2501.19393v2, arXiv:2501.19393, hep-th/9901001, or an arXiv URL.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var to = new Option<string?>("--to") { Description = "The digest file to append to (created if missing); without it the entries are printed.", HelpName = "file" };
        var translated = new Option<string?>("--translated-title") { Description = "The translated title (one identifier only).", HelpName = "text" };
        var abstractText = new Option<string?>("--abstract") { Description = "The abstract, as Markdown (one identifier only).", HelpName = "text" };
        var fromJson = new Option<string?>("--from-json")
        {
            Description = "A JSON array of entries to add: [{\"id\": \"2501.19393\", \"translatedTitle\": \"…\", \"abstract\": \"…\"}, …] (- for standard input).",
            HelpName = "file",
        };
        var placeholder = new Option<string?>("--placeholder")
        {
            Description = $"The text written where the translated title or abstract is not given (default: PD0110's 'placeholder' option in {ValidationConfig.FileName}, else '{UnfinishedEntryRule.DefaultPlaceholder}').",
            HelpName = "text",
        };
        var allowDuplicate = new Option<bool>("--allow-duplicate") { Description = "Add an identifier even when the archive already has it." };
        var archive = new Option<string[]>("--archive")
        {
            Description = "Files or folders searched for identifiers already present (default: the folder of --to).",
            HelpName = "path",
            AllowMultipleArgumentsPerToken = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the entries that would be added; write nothing." };
        var network = new EnrichmentSetup();
        var command = new Command("add", $"""
            Start a canonical entry per arXiv identifier: '## English title' and '[translated title](https://arxiv.org/abs/ID)'
            from arXiv's metadata (the API, the cache or --arxiv-snapshot; --offline makes no request), then the abstract.
            What arXiv cannot give (the translated title, the abstract) comes from --translated-title/--abstract or
            --from-json, or is left as a placeholder that 'paperdigest validate' reports as an error (PD0110 unfinished-entry).
            An identifier the archive already has is refused with the position of its entry (--allow-duplicate adds it
            anyway). Nothing is written unless every identifier can be added; the file is written through a temporary
            file and a rename.

            Exit codes: 0 added; 1 an identifier is already in the archive or arXiv has no such paper; 2 usage or I/O error
            (malformed identifier, unreadable file, a target in another layout); 3 arXiv could not be asked (offline cache
            miss, remote failure).

            Examples:
              paperdigest add 2501.19393 --to archive/2025-02-04.md
              paperdigest add https://arxiv.org/abs/2501.19393v2 --translated-title "s1：简单的测试时扩展" --abstract "…" --to archive/2025-02-04.md
              paperdigest add --from-json today.json --to archive/2025-02-04.md
              paperdigest add 2501.19393 2502.01234 --dry-run --offline
            """)
        {
            ids, to, translated, abstractText, fromJson, placeholder, allowDuplicate, archive, dryRun,
        };
        foreach (var option in network.All.Where(o => o != network.GitHubToken && o != network.GitHubApiUrl && o != network.MaxWait && o != network.NoGitHub && o != network.Threshold))
        {
            command.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new Options(parseResult.GetValue(ids) ?? [], parseResult.GetValue(to), network.Read(parseResult) with { NoGitHub = true })
            {
                TranslatedTitle = parseResult.GetValue(translated),
                Abstract = parseResult.GetValue(abstractText),
                FromJson = parseResult.GetValue(fromJson),
                Placeholder = parseResult.GetValue(placeholder),
                AllowDuplicate = parseResult.GetValue(allowDuplicate),
                Archive = parseResult.GetValue(archive) ?? [],
                DryRun = parseResult.GetValue(dryRun),
            };
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(string[] Ids, string? To, NetworkOptions Network)
    {
        public string? TranslatedTitle { get; init; }

        public string? Abstract { get; init; }

        public string? FromJson { get; init; }

        public string? Placeholder { get; init; }

        public bool AllowDuplicate { get; init; }

        public string[] Archive { get; init; } = [];

        public bool DryRun { get; init; }
    }

    /// <summary>One entry to add: the identifier as given and parsed, and what the user supplied.</summary>
    internal sealed record Request(string Given, ArxivId Id, string? TranslatedTitle, string? Abstract);

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // 1. What to add.
        var requests = new List<Request>();
        var usage = false;
        if ((options.TranslatedTitle is not null || options.Abstract is not null) && options.Ids.Length != 1)
        {
            await stderr.WriteLineAsync("error: --translated-title and --abstract go with exactly one identifier; use --from-json for several.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        foreach (var given in options.Ids)
        {
            if (TryParseId(given, out var id))
            {
                requests.Add(new Request(given, id, options.TranslatedTitle, options.Abstract));
            }
            else
            {
                await stderr.WriteLineAsync($"error: '{given}' is not an arXiv identifier or arXiv URL.").ConfigureAwait(false);
                usage = true;
            }
        }

        if (options.FromJson is not null)
        {
            var (fromJson, problems) = await ReadJsonAsync(options.FromJson, context, cancellationToken).ConfigureAwait(false);
            requests.AddRange(fromJson);
            foreach (var p in problems)
            {
                await stderr.WriteLineAsync($"{options.FromJson}: error: {p}").ConfigureAwait(false);
                usage = true;
            }
        }

        if (usage)
        {
            return ExitCodes.UsageOrIoError;
        }

        if (requests.Count == 0)
        {
            await stderr.WriteLineAsync("error: no identifier given (pass IDs or --from-json FILE).").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        // 2. The target file and the placeholder its configuration asks for.
        var placeholder = options.Placeholder;
        if (placeholder is null)
        {
            if (!new ValidationConfigResolver().TryResolve(options.To is null ? null : Path.GetFullPath(options.To, context.CurrentDirectory), out var config, out var configErrors))
            {
                foreach (var e in configErrors)
                {
                    await stderr.WriteLineAsync($"error: {e}").ConfigureAwait(false);
                }

                return ExitCodes.UsageOrIoError;
            }

            placeholder = UnfinishedEntryRule.PlaceholderOf(config.SettingsFor(options.To).OptionsOf(RuleCatalog.Find(RuleIds.UnfinishedEntry)!));
        }

        if (string.IsNullOrWhiteSpace(placeholder))
        {
            await stderr.WriteLineAsync("error: --placeholder must not be empty.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var existingText = "";
        DigestDocument? existing = null;
        if (options.To is not null && File.Exists(options.To))
        {
            try
            {
                existingText = await File.ReadAllTextAsync(options.To, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{options.To}: error: cannot read: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            existing = DigestParser.Default.Parse(existingText, options.To);
            if (existing.Entries.Count > 0 && existing.Layout != DigestLayouts.Canonical)
            {
                await stderr.WriteLineAsync($"{options.To}: error: the file is read with layout '{existing.Layout}'; entries are added to canonical files only. Convert it first: paperdigest fmt --to canonical {options.To}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
        }

        // 3. Identifiers the archive (or this batch) already has.
        var refused = 0;
        if (!options.AllowDuplicate)
        {
            var known = await KnownIdsAsync(options, existing, context, stderr, cancellationToken).ConfigureAwait(false);
            var inBatch = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in requests)
            {
                if (known.TryGetValue(r.Id.Value, out var where))
                {
                    await stderr.WriteLineAsync($"{where.Path}:{where.Entry.Span.StartLine}:{where.Entry.Span.StartColumn}: error: arXiv {r.Id.Value} is already in the archive ('{where.Entry.Title}'); --allow-duplicate adds it anyway.").ConfigureAwait(false);
                    refused++;
                }
                else if (!inBatch.Add(r.Id.Value))
                {
                    await stderr.WriteLineAsync($"error: arXiv {r.Id.Value} is given twice.").ConfigureAwait(false);
                    refused++;
                }
            }
        }

        if (refused > 0)
        {
            await stderr.WriteLineAsync("add: nothing written.").ConfigureAwait(false);
            return ExitCodes.Failures;
        }

        // 4. arXiv's titles.
        var services = await EnrichmentSetup.BuildAsync(options.Network, context, stderr, _ => { }).ConfigureAwait(false);
        if (services is null)
        {
            return ExitCodes.UsageOrIoError;
        }

        IReadOnlyDictionary<string, ArxivResult> results;
        await using (services.ConfigureAwait(false))
        {
            var client = services.GetRequiredService<IArxivClient>();
            results = await client.GetPapersAsync(requests.Select(r => r.Id.Value), cancellationToken).ConfigureAwait(false);
        }

        var notFound = 0;
        var failed = 0;
        var entries = new List<DigestEntry>();
        foreach (var r in requests)
        {
            var result = results.GetValueOrDefault(r.Id.Value);
            if (result is { State: ArxivLookupState.Found, Paper: { } paper })
            {
                entries.Add(new DigestEntry
                {
                    Title = Collapse(paper.Title),
                    TranslatedTitle = string.IsNullOrWhiteSpace(r.TranslatedTitle) ? placeholder : Collapse(r.TranslatedTitle),
                    ArxivId = r.Id,
                    Url = "https://arxiv.org/abs/" + r.Id.Value,
                    AbstractMarkdown = string.IsNullOrWhiteSpace(r.Abstract) ? DigestWriter.EscapeBlockText(placeholder) : r.Abstract.ReplaceLineEndings("\n").Trim(),
                });
            }
            else if (result?.State == ArxivLookupState.NotFound)
            {
                await stderr.WriteLineAsync($"error: arXiv has no paper {r.Id.Value}{(result.Reason is { } why ? $" ({why})" : "")}.").ConfigureAwait(false);
                notFound++;
            }
            else
            {
                await stderr.WriteLineAsync($"error: arXiv {r.Id.Value} could not be looked up: {result?.Reason ?? "no answer"}.").ConfigureAwait(false);
                failed++;
            }
        }

        if (notFound + failed > 0)
        {
            await stderr.WriteLineAsync("add: nothing written.").ConfigureAwait(false);
            return notFound > 0 ? ExitCodes.Failures : ExitCodes.Incomplete;
        }

        // 5. The entries, at the heading level the file uses, checked by reading them back.
        var level = existing is { Entries.Count: > 0 } ? HeadingLevel(existingText, existing.Entries[0]) : 2;
        var added = new StringBuilder();
        foreach (var entry in entries)
        {
            var one = new StringWriter { NewLine = "\n" };
            DigestWriter.WriteEntry(entry, one);
            added.Append(added.Length > 0 ? "\n" : "").Append(new string('#', level - 2)).Append(one);
        }

        var head = existingText.TrimEnd();
        var text = head.Length == 0 ? added.ToString() : head + "\n\n" + added;
        var readBack = DigestParser.Default.Parse(text, options.To);
        var tail = readBack.Entries.Skip(readBack.Entries.Count - entries.Count).ToList();
        if (readBack.Layout != DigestLayouts.Canonical || tail.Count != entries.Count
            || tail.Zip(entries).Any(p => p.First.Title != p.Second.Title || p.First.ArxivId != p.Second.ArxivId || p.First.TranslatedTitle != p.Second.TranslatedTitle))
        {
            await stderr.WriteLineAsync("error: the new entries do not read back as written (an abstract with a heading at the entries' level?); nothing written.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        if (options.DryRun || options.To is null)
        {
            await stdout.WriteAsync(added.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        try
        {
            await AtomicFile.WriteAllTextAsync(options.To, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{options.To}: error: cannot write: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        foreach (var (entry, read) in entries.Zip(tail))
        {
            var unfinished = entry.TranslatedTitle == placeholder || entry.AbstractMarkdown == DigestWriter.EscapeBlockText(placeholder);
            await stdout.WriteLineAsync($"{options.To}:{read.Span.StartLine}: added {entry.ArxivId!.Value.Value} {entry.Title}{(unfinished ? $" (unfinished: replace '{placeholder}')" : "")}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>An identifier in any form a maintainer pastes: bare (with version), <c>arXiv:</c>-prefixed, old-style, or a URL.</summary>
    internal static bool TryParseId(string given, out ArxivId id)
    {
        var text = given.Trim();
        if (text.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..].Trim();
        }

        if (text.Contains('/', StringComparison.Ordinal) && (text.Contains("://", StringComparison.Ordinal) || text.Contains("arxiv.org", StringComparison.OrdinalIgnoreCase)))
        {
            var url = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
            if (PaperUrl.TryParseArxiv(url, out var fromUrl) is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage)
            {
                id = ArxivId.Create(fromUrl.Value);
                return true;
            }

            id = default;
            return false;
        }

        if (ArxivId.TryParse(text, out var parsed))
        {
            id = ArxivId.Create(parsed.Value);
            return true;
        }

        id = default;
        return false;
    }

    private static async Task<(List<Request> Requests, List<string> Problems)> ReadJsonAsync(string path, CliContext context, CancellationToken cancellationToken)
    {
        var requests = new List<Request>();
        var problems = new List<string>();
        try
        {
            await using var stream = path == "-" ? context.OpenStandardInput() : File.OpenRead(path);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add("expected a JSON array of objects with 'id', 'translatedTitle' and 'abstract'.");
                return (requests, problems);
            }

            var i = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var given = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : null;
                if (given is null)
                {
                    problems.Add($"item {i}: expected an object with a string 'id'.");
                }
                else if (!TryParseId(given, out var id))
                {
                    problems.Add($"item {i}: '{given}' is not an arXiv identifier or arXiv URL.");
                }
                else
                {
                    requests.Add(new Request(given, id, StringProperty(item, "translatedTitle"), StringProperty(item, "abstract")));
                }

                i++;
            }
        }
        catch (JsonException ex)
        {
            problems.Add($"not valid JSON: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read: {ex.Message}");
        }

        return (requests, problems);
    }

    private static string? StringProperty(JsonElement item, string name)
        => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The identifiers of the target file and of the archive (<c>--archive</c>, else the target's folder), with where each first is.</summary>
    private static async Task<Dictionary<string, (string Path, DigestEntry Entry)>> KnownIdsAsync(Options options, DigestDocument? existing, CliContext context, TextWriter stderr, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, (string Path, DigestEntry Entry)>(StringComparer.Ordinal);
        void Add(DigestDocument doc, string path)
        {
            foreach (var e in doc.Entries)
            {
                if (e.ArxivId is { } id)
                {
                    known.TryAdd(id.Value, (path, e));
                }
            }
        }

        if (existing is not null)
        {
            Add(existing, options.To!);
        }

        var roots = options.Archive.Length > 0 ? options.Archive
            : options.To is not null ? [Path.GetDirectoryName(Path.GetFullPath(options.To, context.CurrentDirectory))!]
            : [];
        if (roots.Length == 0)
        {
            return known;
        }

        var failed = false;
        var items = InputResolver.Resolve(roots, stderr, ref failed);
        var target = options.To is null ? null : Path.GetFullPath(options.To, context.CurrentDirectory);
        foreach (var item in items.Where(i => !i.IsStdin && !string.Equals(Path.GetFullPath(i.Path, context.CurrentDirectory), target, StringComparison.Ordinal)))
        {
            var read = await DocumentReader.ReadAsync(item, DigestParser.Default, context, cancellationToken).ConfigureAwait(false);
            if (read.Document is { } doc)
            {
                Add(doc, item.Path);
            }
        }

        return known;
    }

    private static int HeadingLevel(string text, DigestEntry entry)
    {
        var i = entry.Span.StartOffset;
        var level = 0;
        while (i + level < text.Length && text[i + level] == '#')
        {
            level++;
        }

        return level is >= 2 and <= 6 ? level : 2;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
