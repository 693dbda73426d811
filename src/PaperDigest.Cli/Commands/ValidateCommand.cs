using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Cli.Input;
using PaperDigest.Cli.Output;
using PaperDigest.Enrichment;
using PaperDigest.Enrichment.DependencyInjection;
using PaperDigest.Enrichment.GitHub;
using PaperDigest.Enrichment.Validation;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest validate</c>: check digests against the rules, for people and for CI.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text, github (workflow commands and a step summary), sarif (SARIF 2.1.0) or json.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|github|sarif|json",
        };
        format.AcceptOnlyFromAmong("text", "github", "sarif", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output.", HelpName = "file" };
        var config = new Option<string?>("--config") { Description = $"Use this configuration file for every input instead of the nearest {ValidationConfig.FileName}.", HelpName = "file" };
        var baseline = new Option<string?>("--baseline") { Description = "Do not report problems recorded in this baseline file.", HelpName = "file" };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Record every problem found in this baseline file (and report none of them).", HelpName = "file" };
        var maxWarnings = new Option<int>("--max-warnings") { Description = "Fail (exit 1) when there are more warnings than this; -1 for no limit.", DefaultValueFactory = _ => -1, HelpName = "n" };
        var changedSince = new Option<string?>("--changed-since") { Description = "Report only entries added or changed since this git revision (archive-wide rules still see every file); with --fix, fix only those.", HelpName = "ref" };
        var fix = new Option<bool>("--fix") { Description = "Apply the rules' safe fixes to the files (through a temporary file and a rename), then report what is left." };
        var layout = CommonOptions.Layout();
        var online = new Option<bool>("--online") { Description = "Also check every entry against arXiv (identifier exists, title matches, not withdrawn) and every linked GitHub repository (exists, not renamed, archived or blocked). Uses the cache; see the network options." };
        var network = new EnrichmentSetup();
        var minSeverity = new Option<string>("--min-severity")
        {
            Description = "Show only findings of this severity or above: info, warning or error (the exit code still counts every finding).",
            DefaultValueFactory = _ => "info",
            HelpName = "info|warning|error",
        };
        minSeverity.AcceptOnlyFromAmong("info", "warning", "error");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Show only warnings and errors: the same as --min-severity warning." };

        var command = new Command("validate", """
            Check digest files against the rules (docs/rules.md).

            Exit codes: 0 no errors; 1 errors found, or more warnings than --max-warnings; 2 usage, configuration or I/O error;
            3 (with --online) no errors, but some lookups could not be answered.

            Examples:
              paperdigest validate samples/archive
              paperdigest validate --format github --changed-since origin/main archive/
              paperdigest validate --format sarif -o paperdigest.sarif archive/
              paperdigest validate --write-baseline .paperdigest-baseline.json archive/
              paperdigest validate --online --fix archive/
            """)
        {
            inputs, format, output, config, baseline, writeBaseline, maxWarnings, changedSince, fix, layout, online, minSeverity, quiet,
        };
        foreach (var option in network.All)
        {
            command.Add(option);
        }

        var staged = new Option<bool>("--staged") { Description = "Only the files among the inputs that are staged in git (git diff --cached), for pre-commit hooks." };
        command.Add(staged);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new Options(
                parseResult.GetValue(inputs) ?? [],
                parseResult.GetValue(format) ?? "text",
                parseResult.GetValue(output),
                parseResult.GetValue(config),
                parseResult.GetValue(baseline),
                parseResult.GetValue(writeBaseline),
                parseResult.GetValue(maxWarnings),
                parseResult.GetValue(changedSince),
                parseResult.GetValue(fix),
                parseResult.GetValue(layout) ?? DigestParserOptions.AutoLayout)
            {
                Online = parseResult.GetValue(online),
                Staged = parseResult.GetValue(staged),
                Network = network.Read(parseResult),
                MinSeverity = parseResult.GetValue(minSeverity) switch
                {
                    "error" => DiagnosticSeverity.Error,
                    "warning" => DiagnosticSeverity.Warning,
                    _ when parseResult.GetValue(quiet) => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                },
            };
            return await RunAsync(options, context, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Options(
        string[] Inputs, string Format, string? Output, string? Config, string? Baseline, string? WriteBaseline,
        int MaxWarnings, string? ChangedSince, bool Fix, string Layout)
    {
        public bool Online { get; init; }

        public bool Staged { get; init; }

        public NetworkOptions Network { get; init; } = new();

        /// <summary>The least severity shown (<c>--min-severity</c>, <c>--quiet</c>); the exit code counts every finding.</summary>
        public DiagnosticSeverity MinSeverity { get; init; } = DiagnosticSeverity.Info;
    }

    internal static async Task<int> RunAsync(Options options, CliContext context, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var ioFailed = false;
        IReadOnlySet<string>? stagedFiles = null;
        if (options.Staged)
        {
            var gitExe = context.GetEnvironmentVariable("PAPERDIGEST_GIT") is { Length: > 0 } g ? g : "git";
            var (files, error) = await GitRevision.StagedAsync(gitExe, context.CurrentDirectory, cancellationToken).ConfigureAwait(false);
            if (files is null)
            {
                await stderr.WriteLineAsync($"error: --staged: {error}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            if (files.Count == 0)
            {
                await stderr.WriteLineAsync("validate: no staged digest files.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            stagedFiles = files;
        }

        var items = InputResolver.Resolve(options.Inputs, stderr, ref ioFailed, verbose: false, cancellationToken, context.CurrentDirectory, stagedFiles);
        if (!await LayoutCheck.CheckAsync(options.Layout, items, stderr, reportInvalidConfiguration: false).ConfigureAwait(false))
        {
            return ExitCodes.UsageOrIoError;
        }

        var parser = new DigestParser(new DigestParserOptions { Layout = options.Layout, ReadConfiguration = true });
        if (options.Output is not null && AtomicFile.ConflictWithInputs(options.Output, items) is { } conflict)
        {
            await stderr.WriteLineAsync($"{options.Output}: error: {conflict}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }


        // Configuration: one file for everything, or the nearest one per input.
        ValidationConfig? fixedConfig = null;
        if (options.Config is not null)
        {
            if (!ValidationConfig.TryLoad(options.Config, out fixedConfig, out var errors))
            {
                foreach (var e in errors)
                {
                    await stderr.WriteLineAsync($"error: {e}").ConfigureAwait(false);
                }

                return ExitCodes.UsageOrIoError;
            }
        }

        if (!new ValidationConfigResolver(fixedConfig).TryResolveSettings(items.Select(i => i.Path), out var settingsFor, out var configErrors))
        {
            foreach (var e in configErrors)
            {
                await stderr.WriteLineAsync($"error: {e}").ConfigureAwait(false);
            }

            return ExitCodes.UsageOrIoError;
        }

        Baseline? baseline = null;
        if (options.Baseline is not null)
        {
            string json;
            try
            {
                json = await File.ReadAllTextAsync(options.Baseline, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{options.Baseline}: error: cannot read baseline: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            if (!Baseline.TryParse(json, out baseline, out var error))
            {
                await stderr.WriteLineAsync($"{options.Baseline}: error: invalid baseline: {error}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
        }

        GitRevision? git = null;
        if (options.ChangedSince is not null)
        {
            var start = items.FirstOrDefault(i => !i.IsStdin) is { } first ? Path.GetDirectoryName(Path.GetFullPath(first.Path))! : context.CurrentDirectory;
            var gitExe = context.GetEnvironmentVariable("PAPERDIGEST_GIT") is { Length: > 0 } g ? g : "git";
            var (revision, error) = await GitRevision.OpenAsync(gitExe, options.ChangedSince, start, cancellationToken).ConfigureAwait(false);
            if (revision is null)
            {
                await stderr.WriteLineAsync($"error: --changed-since: {error}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            git = revision;
        }

        // Without --fix, --changed-since, --online or SARIF (whose fingerprints need the text), each document is validated as
        // it is read and only its findings (and the identifiers the duplicate check needs) are kept: memory stays flat.
        var streaming = !options.Fix && git is null && !options.Online && options.Format != "sarif";
        var validator = DigestValidator.Default;
        List<DigestSource> sources = [];
        ValidationReport? streamed = null;
        if (streaming)
        {
            var session = validator.StartSession(settingsFor);
            var (read, binary) = await DocumentReader.AddSourcesAsync(items, parser, session, context, stderr, cancellationToken).ConfigureAwait(false);
            ioFailed |= read < items.Count || binary;
            streamed = session.Finish();
        }
        else
        {
            sources = await DocumentReader.ReadSourcesAsync(items, parser, context, stderr, cancellationToken).ConfigureAwait(false);
            ioFailed |= sources.Count < items.Count;

            // A binary (or too large) file is an input that cannot be used: exit 2 in every command, its PD0011 still reported.
            ioFailed |= sources.Any(s => s.Document.Diagnostics.Any(d => d.Id == DiagnosticIds.BinaryFile));
        }

        OnlineRules? onlineRules = null;
        ServiceProvider? services = null;
        if (options.Online)
        {
            services = await EnrichmentSetup.BuildAsync(options.Network, context, stderr, p => stderr.WriteLine($"warning: {p}")).ConfigureAwait(false);
            if (services is null)
            {
                return ExitCodes.UsageOrIoError;
            }

            var enrichmentOptions = services.GetRequiredService<PaperDigestEnrichmentOptions>();
            onlineRules = new OnlineRules(services.GetRequiredService<DigestEnricher>(), options.Network.NoGitHub ? null : services.GetService<IGitHubClient>(), enrichmentOptions.TitleMatchThreshold);
            validator = new DigestValidator(new DigestValidatorOptions { AsyncArchiveRules = onlineRules.Rules });
        }

        await using var disposeServices = ((IAsyncDisposable?)services ?? new ServiceCollection().BuildServiceProvider()).ConfigureAwait(false);
        var report = streamed ?? await validator.ValidateAsync(sources, settingsFor, cancellationToken).ConfigureAwait(false);

        var scope = git is null ? null : new ChangeScope(git, parser);
        if (options.Fix)
        {
            // With --changed-since, only the findings in changed entries are fixed: the rest of the file is left as it is.
            var fixFailed = false;
            var fixOptions = new DigestFixOptions
            {
                Parser = parser,
                Validator = validator,
                SettingsFor = settingsFor,
                Fixable = scope is null ? null : async (r, ct) =>
                {
                    var (inScope, error) = await scope.OnlyChangedAsync(r, ct).ConfigureAwait(false);
                    if (inScope is null)
                    {
                        await stderr.WriteLineAsync($"error: --changed-since: {error}; nothing fixed").ConfigureAwait(false);
                        fixFailed = true;
                    }

                    return inScope;
                },
            };
            report = await DigestFixer.FixAsync(report, WriteFixedAsync, fixOptions, cancellationToken).ConfigureAwait(false);
            ioFailed |= fixFailed;

            async ValueTask<bool> WriteFixedAsync(FixedFile file, CancellationToken ct)
            {
                try
                {
                    await AtomicFile.WriteAllTextAsync(file.Path, file.Text, ct).ConfigureAwait(false);
                    if (file.Pass == 0)
                    {
                        await stderr.WriteLineAsync($"{file.Path}: fixed").ConfigureAwait(false);
                    }

                    return true;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await stderr.WriteLineAsync($"{file.Path}: error: cannot write fixes: {ex.Message}").ConfigureAwait(false);
                    fixFailed = true;
                    return false;
                }
            }
        }

        if (scope is not null)
        {
            var (filtered, error) = await scope.OnlyChangedAsync(report, cancellationToken).ConfigureAwait(false);
            if (filtered is null)
            {
                await stderr.WriteLineAsync($"error: --changed-since: {error}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            report = filtered;
        }

        if (options.WriteBaseline is not null)
        {
            var written = Baseline.Create(report, Baseline.FileKeys(options.WriteBaseline));
            try
            {
                await AtomicFile.WriteAllTextAsync(options.WriteBaseline, written.ToJson(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{options.WriteBaseline}: error: cannot write baseline: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            await stderr.WriteLineAsync($"{options.WriteBaseline}: recorded {written.Count} problem{(written.Count == 1 ? "" : "s")}.").ConfigureAwait(false);
            report = written.Filter(report, Baseline.FileKeys(options.WriteBaseline));
        }
        else if (baseline is not null)
        {
            report = baseline.Filter(report, Baseline.FileKeys(options.Baseline!));
        }

        var shown = options.MinSeverity > DiagnosticSeverity.Info ? report.Where((_, f) => f.Diagnostic.Severity >= options.MinSeverity) : report;
        var hidden = report.Files.Sum(f => f.Findings.Count) - shown.Files.Sum(f => f.Findings.Count);
        try
        {
            if (options.Output is not null)
            {
                await AtomicFile.WriteAsync(options.Output, w => WriteReportAsync(shown, options, context, w, cancellationToken), cancellationToken).ConfigureAwait(false);
                await stderr.WriteLineAsync(TextReportWriter.Summary(shown)).ConfigureAwait(false);
            }
            else
            {
                await WriteReportAsync(shown, options, context, stdout, cancellationToken).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (hidden > 0 && options.Format == "text")
            {
                await stderr.WriteLineAsync($"{hidden} finding{(hidden == 1 ? "" : "s")} below {options.MinSeverity.ToString().ToLowerInvariant()} not shown.").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: cannot write the report: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        if (ioFailed)
        {
            return ExitCodes.UsageOrIoError;
        }

        var warnings = report.Count(DiagnosticSeverity.Warning);
        if (report.Count(DiagnosticSeverity.Error) > 0)
        {
            return ExitCodes.Failures;
        }

        if (options.MaxWarnings >= 0 && warnings > options.MaxWarnings)
        {
            await stderr.WriteLineAsync($"error: {warnings} warnings, more than --max-warnings {options.MaxWarnings}.").ConfigureAwait(false);
            return ExitCodes.Failures;
        }

        if (onlineRules is { Incomplete: true })
        {
            await stderr.WriteLineAsync("validate: some online lookups could not be answered (see the PD0203/PD0305/PD0306 findings).").ConfigureAwait(false);
            return ExitCodes.Incomplete;
        }

        return ExitCodes.Success;
    }

    /// <summary>The entries added or changed since a git revision; each file's old version is read from git once.</summary>
    private sealed class ChangeScope(GitRevision git, DigestParser parser)
    {
        private readonly Dictionary<string, DigestDocument?> _before = new(StringComparer.Ordinal);

        /// <summary>The report with only the findings in new or changed entries (and, for a new file, the file-wide ones).</summary>
        public async Task<(ValidationReport? Report, string? Error)> OnlyChangedAsync(ValidationReport report, CancellationToken cancellationToken)
        {
            foreach (var file in report.Files)
            {
                var path = file.Source.Path;
                if (path is not null and not "-" && !_before.ContainsKey(path))
                {
                    byte[]? old;
                    try
                    {
                        old = await git.ShowAsync(path, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException ex)
                    {
                        return (null, ex.Message);
                    }

                    _before[path] = old is null ? null : parser.Parse(old, path);
                }
            }

            return (EntryChanges.OnlyChanged(report, f => f.Source.Path is { } p ? _before.GetValueOrDefault(p) : null), null);
        }
    }

    private static async Task WriteReportAsync(ValidationReport report, Options options, CliContext context, TextWriter writer, CancellationToken cancellationToken)
    {
        var paths = new ReportPaths();
        switch (options.Format)
        {
            case "github":
                var summary = context.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
                await GitHubReportWriter.WriteAsync(report, writer, paths, string.IsNullOrEmpty(summary) ? null : summary, cancellationToken).ConfigureAwait(false);
                break;
            case "sarif":
            case "json":
                using (var ms = new MemoryStream())
                {
                    if (options.Format == "sarif")
                    {
                        await SarifReportWriter.WriteAsync(report, ms, paths, CliApp.Version, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await JsonReportWriter.WriteAsync(report, ms, cancellationToken).ConfigureAwait(false);
                    }

                    await writer.WriteAsync(Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length).AsMemory(), cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync("\n").ConfigureAwait(false);
                }

                break;
            default:
                await TextReportWriter.WriteAsync(report, writer).ConfigureAwait(false);
                break;
        }
    }
}
