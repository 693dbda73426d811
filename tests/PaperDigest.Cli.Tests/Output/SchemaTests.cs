using System.Text.Json.Nodes;
using Json.Schema;
using PaperDigest.Cli.Output;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// The JSON Schemas in docs/schemas/ against real outputs: parse (json and jsonl) over the sample archive and every layout's
/// test file, validate --format json, enrich over a snapshot. The schemas forbid unknown properties, so an output that
/// gains a field without its schema fails here.
/// </summary>
public sealed class SchemaTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static readonly Lazy<(JsonSchema Parse, JsonSchema Validate, JsonSchema Enrich)> Schemas = new(() =>
    {
        static JsonSchema Load(string name) => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoRoot, "docs", "schemas", name)));
        return (Load("parse.schema.json"), Load("validate.schema.json"), Load("enrich.schema.json"));
    });

    public static TheoryData<string> LayoutFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RepoRoot, "tests", "PaperDigest.Tests", "Specs", "layouts"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public async Task Parse_SampleArchive_MatchesTheParseSchemaAsJsonAndJsonLines()
    {
        var json = await CliRunner.RunAsync(["parse", Path.Combine(RepoRoot, "samples", "archive")]);
        json.ExitCode.Should().Be(0, json.Error);
        AssertValid(Schemas.Value.Parse, json.Output);

        var jsonl = await CliRunner.RunAsync(["parse", "--format", "jsonl", Path.Combine(RepoRoot, "samples", "archive")]);
        var entry = Reference("parse.schema.json#/$defs/entry");
        foreach (var line in jsonl.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            AssertValid(entry, line);
        }
    }

    [Theory]
    [MemberData(nameof(LayoutFiles))]
    public async Task Parse_EveryLayout_MatchesTheParseSchema(string file)
    {
        var r = await CliRunner.RunAsync(["parse", Path.Combine(RepoRoot, "tests", "PaperDigest.Tests", "Specs", "layouts", file)]);
        AssertValid(Schemas.Value.Parse, r.Output);
    }

    [Theory]
    [MemberData(nameof(LayoutFiles))]
    public async Task Validate_EveryLayout_MatchesTheValidateSchemaAndNamesIt(string file)
    {
        var r = await CliRunner.RunAsync(["validate", "--format", "json", Path.Combine(RepoRoot, "tests", "PaperDigest.Tests", "Specs", "layouts", file)]);
        AssertValid(Schemas.Value.Validate, r.Output);
        JsonNode.Parse(r.Output)!["$schema"]!.GetValue<string>().Should().Be(JsonReportWriter.SchemaUri).And.Be(Schemas.Value.Validate.GetId()!.ToString());
    }

    [Fact]
    public void Schema_RejectsAnOutputWithAnUnknownField()
    {
        var result = Schemas.Value.Validate.Evaluate(JsonNode.Parse("""{"version": 1, "summary": {"files": 0, "errors": 0, "warnings": 0, "infos": 0}, "diagnostics": [], "extra": true}"""), Options());
        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task Enrich_Snapshot_MatchesTheEnrichSchema()
    {
        using var a = new TempArchive();
        a.Write("snapshot.jsonl", """{"id":"2501.19393","submitter":"N","authors":"Niklas Muennighoff","title":"s1: Simple test-time scaling","comments":"46 pages","journal-ref":null,"doi":"10.1/x","report-no":null,"categories":"cs.CL cs.AI","license":null,"abstract":"Test-time scaling.","versions":[{"version":"v1","created":"Fri, 31 Jan 2025 18:57:34 GMT"}],"update_date":"2025-02-03","authors_parsed":[["Muennighoff","Niklas",""]]}""" + "\n");
        var digest = a.Write("d.md", TempArchive.Entry("s1: Simple test-time scaling", "简单扩展", "https://arxiv.org/abs/2501.19393", "代码：https://github.com/simplescaling/s1 。")
            + "\n" + TempArchive.Entry("Not in the snapshot", "不在", "https://arxiv.org/abs/2501.00001"));

        var r = await CliRunner.RunAsync(["enrich", "--no-cache", "--no-github", "--arxiv-snapshot", a.Path("snapshot.jsonl"), digest], currentDirectory: a.Root);

        r.Output.Should().Contain("\"status\":\"found\"").And.Contain("\"status\":\"not-found\"");
        AssertValid(Schemas.Value.Enrich, r.Output);
    }

    private static JsonSchema Reference(string relative)
    {
        var schema = new JsonSchemaBuilder().Ref(new Uri(Schemas.Value.Parse.GetId()!, relative)).Build();
        return schema;
    }

    private static EvaluationOptions Options()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        foreach (var s in new[] { Schemas.Value.Parse, Schemas.Value.Validate, Schemas.Value.Enrich })
        {
            options.SchemaRegistry.Register(s);
        }

        return options;
    }

    private static void AssertValid(JsonSchema schema, string json)
    {
        var result = schema.Evaluate(JsonNode.Parse(json), Options());
        var errors = result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        result.IsValid.Should().BeTrue(string.Join("\n", errors.Take(10)) + "\n" + json[..Math.Min(json.Length, 400)]);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperDigest.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PaperDigest.sln not found above the test binaries.");
    }
}
