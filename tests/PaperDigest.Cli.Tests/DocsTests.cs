using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using PaperDigest.Enrichment.GitHub;
using PaperDigest.Enrichment.Validation;
using PaperDigest.Model;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// The docs say what the tool does: every rule row of a table in docs/ (and the README) names the rule and severity the tool
/// has, every configuration example loads, and every command example is accepted by the tool and, where it can run offline,
/// runs on a copy of the sample archive.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static IEnumerable<string> DocFiles()
        => Directory.GetFiles(Path.Combine(RepoRoot, "docs"), "*.md").Append(Path.Combine(RepoRoot, "README.md")).Order(StringComparer.Ordinal);

    private static Dictionary<string, RuleDescriptor> Rules()
        => RuleCatalog.All.Concat(RuleCatalog.Online).ToDictionary(d => d.Id, StringComparer.Ordinal);

    [Fact]
    public void RuleTables_NameEachRuleAndSeverityAsTheCatalogDoes()
    {
        var rules = Rules();
        var problems = new List<string>();
        var rows = 0;
        foreach (var file in DocFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var cells = lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                if (!lines[i].TrimStart().StartsWith('|') || cells.Length < 2 || RuleIdCell().Match(cells[0]) is not { Success: true } idMatch)
                {
                    continue;
                }

                var where = $"{Path.GetFileName(file)}:{i + 1}";
                var id = idMatch.Groups["id"].Value;
                if (!rules.TryGetValue(id, out var rule))
                {
                    if (!id.StartsWith("PD00", StringComparison.Ordinal))
                    {
                        problems.Add($"{where}: {id} is not a rule of the tool");
                    }

                    continue;
                }

                rows++;
                foreach (var cell in cells.Skip(1))
                {
                    if (NameCell().Match(cell) is { Success: true } name && name.Groups["name"].Value != rule.Name)
                    {
                        problems.Add($"{where}: {id} is named '{name.Groups["name"].Value}', the tool calls it '{rule.Name}'");
                    }

                    if (cell is "info" or "warning" or "error" && cell != rule.DefaultSeverity.ToString().ToLowerInvariant())
                    {
                        problems.Add($"{where}: {id} is listed as {cell}, the tool reports it as {rule.DefaultSeverity.ToString().ToLowerInvariant()}");
                    }
                }
            }
        }

        problems.Should().BeEmpty();
        rows.Should().BeGreaterThan(rules.Count, "rules.md lists every rule, and other pages list some again");
    }

    [Fact]
    public void ConfigurationExamples_Load()
    {
        var examples = DocFiles().SelectMany(f => JsonBlock().Matches(File.ReadAllText(f)).Select(m => (File: f, Json: m.Groups["json"].Value)))
            .Where(b => b.Json.Contains("\"rules\"", StringComparison.Ordinal))
            .ToList();

        examples.Should().NotBeEmpty();
        foreach (var (file, json) in examples)
        {
            ValidationConfig.TryParse(json, RepoRoot, ".paperdigest.json", out _, out var errors).Should().BeTrue($"{Path.GetFileName(file)}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task Configuration_NamingTheOnlineRules_IsAcceptedByValidate()
    {
        // Issue 13: names of the online rules in .paperdigest.json exited 2 "unknown rule".
        using var a = new TempArchive();
        var rules = string.Join(", ", RuleCatalog.Online.Select((d, i) => $"\"{(i % 2 == 0 ? d.Name : d.Id)}\": \"off\""));
        var config = a.Write("cfg.json", $"{{ \"rules\": {{ {rules} }} }}");
        var file = a.Write("a.md", TempArchive.Entry("A Title", "一个标题", "https://arxiv.org/abs/2501.19393"));

        var r = await CliRunner.RunAsync(["validate", "--config", config, file]);

        r.ExitCode.Should().Be(0, r.Error);
        RuleCatalog.Online.Select(d => d.Id).Should().Equal(OnlineRules.ArxivDescriptors.Concat(OnlineRules.GitHubDescriptors).Select(d => d.Id));
        RuleCatalog.Online.Select(d => d.Id).Should().Contain([Enrichment.EnrichmentDiagnosticIds.ArxivNotFound, GitHubDiagnosticIds.RepositoryNotFound, GitHubDiagnosticIds.RepositoryNotChecked]);
    }

    [Fact]
    public void EnrichmentIdentifiers_AreTheCatalogsOnlineRules()
    {
        // Issue 15: PD0200-PD0203 had one name in the catalog and another in EnrichmentDiagnosticIds.Names.
        static string[] Constants(Type t) => [.. t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

        Constants(typeof(Enrichment.EnrichmentDiagnosticIds)).Should().BeEquivalentTo(RuleCatalog.Online.Where(d => d.Category == RuleCategory.OnlineArxiv).Select(d => d.Id));
        Constants(typeof(GitHubDiagnosticIds)).Should().BeEquivalentTo(RuleCatalog.Online.Where(d => d.Category == RuleCategory.OnlineGitHub).Select(d => d.Id));
        // The names live only in the catalog (the separate name table is gone): each identifier has exactly one row.
        foreach (var id in Constants(typeof(Enrichment.EnrichmentDiagnosticIds)).Concat(Constants(typeof(GitHubDiagnosticIds))))
        {
            RuleCatalog.Online.Where(d => d.Id == id).Should().ContainSingle(id);
        }
    }

    /// <summary>Every <c>paperdigest …</c> command written in the docs (code blocks and inline code), placeholders aside.</summary>
    public static TheoryData<string, string> CommandExamples()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in DocFiles())
        {
            foreach (Match m in CommandExample().Matches(File.ReadAllText(file)))
            {
                var command = Regex.Replace(m.Groups["cmd"].Value, @"\s*(\|\|?|>|2>|&&|;).*$", "").Trim();
                if (command.IndexOfAny(['<', '[', '$', '…', '{']) < 0 && !command.Contains("...", StringComparison.Ordinal) && seen.Add(command))
                {
                    data.Add(Path.GetFileName(file), command);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandExamples))]
    public async Task CommandExample_IsAcceptedAndRunsOfflineWhereItCan(string file, string command)
    {
        var args = Split(command).Skip(1).ToArray();
        var root = CliApp.BuildRootCommand(CliContext.Default);
        var parsed = root.Parse(args);
        var complete = parsed.CommandResult.Children.OfType<ArgumentResult>().Any(r => r.Tokens.Count > 0);
        if (!complete && parsed.CommandResult.Command.Arguments.Count > 0)
        {
            // Prose names a command and its options ('`paperdigest validate --fix`'): checked with an input added.
            parsed = root.Parse([.. args, "archive/"]);
        }

        parsed.Errors.Select(e => e.Message).Should().BeEmpty($"{file}: '{command}' is written as the tool takes it");
        UsageCheck.Find(parsed).Should().BeEmpty($"{file}: '{command}'");

        var name = parsed.CommandResult.Command.Name;
        var online = args.Contains("--online") || args.Contains("--changed-since") || args.Contains("--staged") || (name == "enrich" && !args.Contains("--offline"))
            || args.Contains("--arxiv-snapshot") || args.Contains("--help") || args.Contains("--version");
        if (online || !complete || name == root.Name)
        {
            return; // needs the network, a git history or a multi-gigabyte snapshot: checked as syntax only
        }

        using var a = new TempArchive();
        foreach (var dir in (string[])["samples/archive", "archive", "digests"])
        {
            Directory.CreateDirectory(a.Path(dir));
            foreach (var sample in Directory.GetFiles(Path.Combine(RepoRoot, "samples", "archive"), "*.md"))
            {
                File.Copy(sample, Path.Combine(a.Path(dir), Path.GetFileName(sample)));
            }
        }

        var inputs = parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(r => r.Tokens).Select(t => t.Value).ToList();
        if (!inputs.All(i => i == "-" || Path.Exists(a.Path(i))))
        {
            return; // an input the docs only name ('dir', '-draft.md')
        }

        var r = await CliRunner.RunAsync([.. InTemp(parsed, a)], environment: new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = a.Path("cache") });

        r.ExitCode.Should().BeOneOf([0, 1, 3], $"{file}: '{command}' runs (exit 2 is a usage or I/O error):\n{r.Error}");
        r.Error.Should().NotContain("no such file").And.NotContain("Unrecognized");
    }

    /// <summary>The example's arguments with its paths (inputs, file and path options) made absolute in the temporary folder.</summary>
    private static IEnumerable<string> InTemp(ParseResult parsed, TempArchive a)
    {
        var paths = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        void Collect(CommandResult c)
        {
            foreach (var child in c.Children)
            {
                switch (child)
                {
                    case ArgumentResult arg:
                        paths.UnionWith(arg.Tokens.Where(t => t.Value != "-"));
                        break;
                    case OptionResult { Option.HelpName: "file" or "path" } option:
                        paths.UnionWith(option.Tokens);
                        break;
                    case CommandResult sub:
                        Collect(sub);
                        break;
                }
            }
        }

        Collect(parsed.RootCommandResult);
        return parsed.Tokens.Where(t => t.Type != TokenType.Command || t.Value != parsed.RootCommandResult.Command.Name)
            .Select(t => paths.Contains(t) ? a.Path(t.Value) : t.Value);
    }

    private static IEnumerable<string> Split(string command)
        => Regex.Matches(command, "\"([^\"]*)\"|'([^']*)'|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PaperDigest.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"^(?:\[)?`?(?<id>PD\d{4})`?(?:\]\([^)]*\))?$")]
    private static partial Regex RuleIdCell();

    [GeneratedRegex(@"^`(?<name>[a-z0-9]+(?:-[a-z0-9]+)+)`(?: \(online\))?$")]
    private static partial Regex NameCell();

    [GeneratedRegex(@"```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"(?:^[ \t]*(?:\$ |- run: )?|`)(?<cmd>paperdigest (?:parse|validate|fmt|enrich)\b[^`\n]*)", RegexOptions.Multiline)]
    private static partial Regex CommandExample();
}
