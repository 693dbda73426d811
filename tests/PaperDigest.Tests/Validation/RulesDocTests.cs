using System.Text.RegularExpressions;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

public partial class RulesDocTests
{
    [Fact]
    public void RulesDoc_Examples_FailAndPassAsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(SharedFiles.RepoRoot, "docs", "rules.md"));
        var checkedRules = 0;
        foreach (Match section in SectionRegex().Matches(doc))
        {
            var id = section.Groups["id"].Value;
            var body = section.Groups["body"].Value;
            if (body.IndexOf("Failing:", StringComparison.Ordinal) < 0 || body.IndexOf("Passing:", StringComparison.Ordinal) < 0)
            {
                continue; // Described in words only (layout-specific and online rules).
            }

            var failing = ExampleRegex().Match(body[body.IndexOf("Failing:", StringComparison.Ordinal)..]);
            var passing = ExampleRegex().Match(body[body.IndexOf("Passing:", StringComparison.Ordinal)..]);
            if (!failing.Success || !passing.Success || failing.Index > body.IndexOf("Passing:", StringComparison.Ordinal))
            {
                continue; // Described in words (encodings, binary files, several files).
            }

            Ids(failing.Groups["md"].Value + "\n").Should().Contain(id, $"the failing example of {id} fails with it");
            Ids(passing.Groups["md"].Value + "\n").Should().NotContain(id, $"the passing example of {id} passes it").And.NotContain(x => x == "PD0109" || x.StartsWith("PD00", StringComparison.Ordinal) && x != "PD0012", $"the passing example of {id} is clean");
            checkedRules++;
        }

        checkedRules.Should().BeGreaterThan(18);
    }

    private static List<string> Ids(string text)
        => DigestValidator.Default.Validate(DigestSource.Parse(DigestParser.Default, text, "example.md")).Findings.Select(f => f.Rule.Id).ToList();

    [GeneratedRegex(@"^## (?<id>PD\d{4}) [a-z0-9-]+\n(?<body>.*?)(?=^## (?:PD[0-9]{4} |Configuration))", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SectionRegex();

    [GeneratedRegex(@"```markdown\n(?<md>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleRegex();
}
