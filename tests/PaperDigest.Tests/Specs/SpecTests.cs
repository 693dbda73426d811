using System.Text.Json.Nodes;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Specs;

/// <summary>
/// The format as executable examples: each folder under <c>Specs/</c> holds an <c>input.md</c> (read as bytes, so BOMs,
/// CRLF and invalid UTF-8 are tested as written) and the <c>expected.json</c> written by hand.
/// </summary>
public class SpecTests
{
    private static string SpecsRoot => Path.Combine(AppContext.BaseDirectory, "Specs");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(SpecsRoot).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "input.md")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_SpecCase_MatchesExpectedJson(string name)
    {
        var dir = Path.Combine(SpecsRoot, name);
        var bytes = File.ReadAllBytes(Path.Combine(dir, "input.md"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))!;

        var doc = DigestParser.Default.Parse(bytes, "input.md");

        SpecExpectation.Check(doc, expected, name);
    }

    [Fact]
    public void Cases_CoverEveryDiagnosticTheParserReportsFromContent()
    {
        var ids = Directory.GetFiles(SpecsRoot, "expected.json", SearchOption.AllDirectories)
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["diagnostics"]?.AsArray() ?? [])
            .Select(d => d!["id"]!.GetValue<string>())
            .ToHashSet();

        ids.Should().Contain(["PD0001", "PD0002", "PD0003", "PD0004", "PD0005", "PD0006", "PD0007", "PD0008", "PD0009", "PD0010", "PD0011", "PD0012", "PD0014"]);
    }

    [Fact]
    public void Parse_Seed_MatchesHandWrittenExpectation()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(SpecsRoot, "seed", "expected.json")))!;

        var doc = DigestParser.Default.ParseFile(SharedFiles.SeedPath);

        doc.HasErrors.Should().BeFalse();
        SpecExpectation.Check(doc, expected, "seed");
    }
}
