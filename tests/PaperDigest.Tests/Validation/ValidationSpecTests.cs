using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

/// <summary>
/// Runs every spec in <c>Validation/Specs</c>: <c>NAME.md</c> (plus any <c>NAME.*.more.md</c> validated with it, and an
/// optional <c>NAME.config.json</c>) against <c>NAME.expected</c>, one diagnostic per line:
/// <c>[file ]line:col-endLine:endCol severity PDnnnn/name: message</c>, columns in UTF-16 units. The file prefix is
/// written only for the companion files.
/// </summary>
public class ValidationSpecTests
{
    private static string SpecDir => Path.Combine(SharedFiles.RepoRoot, "tests", "PaperDigest.Tests", "Validation", "Specs");

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(SpecDir, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(f);
            if (!name.EndsWith(".more.md", StringComparison.Ordinal))
            {
                data.Add(name[..^3]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Validate_Spec_ReportsExpectedDiagnostics(string name)
    {
        var actual = Run(name);
        var expectedPath = Path.Combine(SpecDir, name + ".expected");
        if (Environment.GetEnvironmentVariable("PAPERDIGEST_UPDATE_SPECS") == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        File.Exists(expectedPath).Should().BeTrue($"{name}.expected holds the expected diagnostics");
        actual.Should().Be(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Validate_EveryRule_HasASpec()
    {
        var names = Specs().Select(row => (string)row.Data).ToList();
        foreach (var rule in RuleCatalog.All)
        {
            names.Should().Contain(n => n.StartsWith(rule.Id + "-" + rule.Name, StringComparison.Ordinal), $"{rule.Id} needs a spec");
        }
    }

    internal static string Run(string name)
    {
        var parser = DigestParser.Default;
        var files = new List<string> { Path.Combine(SpecDir, name + ".md") };
        files.AddRange(Directory.EnumerateFiles(SpecDir, name + ".*more.md").Order(StringComparer.Ordinal));
        var sources = files.Select(f => DigestSource.Parse(parser, File.ReadAllBytes(f), Path.GetFileName(f))).ToList();
        var settings = RuleSettings.Default;
        var configPath = Path.Combine(SpecDir, name + ".config.json");
        if (File.Exists(configPath))
        {
            ValidationConfig.TryLoad(configPath, out var config, out var errors).Should().BeTrue(string.Join("; ", errors));
            settings = config!.SettingsFor(files[0]);
        }

        var report = DigestValidator.Default.Validate(sources, _ => settings);
        var lines = new List<string>();
        foreach (var file in report.Files)
        {
            var prefix = ReferenceEquals(file, report.Files[0]) ? "" : file.Source.Path + " ";
            foreach (var f in file.Findings)
            {
                var s = f.Diagnostic.Span;
                lines.Add($"{prefix}{s.StartLine}:{s.StartColumn}-{s.EndLine}:{s.EndColumn} {Diagnostic.SeverityName(f.Diagnostic.Severity)} {f.Rule.Id}/{f.Rule.Name}: {f.Diagnostic.Message}");
            }
        }

        return string.Concat(lines.Select(l => l + "\n"));
    }
}
