using System.Text.Json;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// <c>--layout</c> with a layout declared in <c>.paperdigest.json</c>, the configuration's own <c>layout</c>, and the
/// configuration errors of a bad definition: a usage error (exit 2) before any file is read or written.
/// </summary>
public class DeclaredLayoutCommandTests
{
    private const string Config = """
        {
          "layouts": {
            "lab-weekly": {
              "entry": "bold-line",
              "title": "^(?<en>.+?) / (?<zh>.+)$",
              "fields": { "paperLink": ["Makalah"], "abstract": ["Ringkasan"] }
            }
          }
        }
        """;

    private const string Digest = """
        # Minggu 48

        **Efficient Attention for Long Documents / Perhatian Efisien untuk Dokumen Panjang**
        - Makalah: https://arxiv.org/abs/2411.00001
        - Ringkasan: Kami mengusulkan mekanisme perhatian baru yang menurunkan biaya memori menjadi linear.

        **Self-Correcting Agents / Agen yang Mengoreksi Diri**
        - Makalah: https://arxiv.org/abs/2411.00002
        - Ringkasan: Agen yang menemukan dan memperbaiki kesalahannya sendiri dengan verifier terlatih.

        """;

    [Fact]
    public async Task Parse_DeclaredLayoutByName_ReadsBothTitles()
    {
        using var a = new TempArchive();
        a.Write(".paperdigest.json", Config);
        var file = a.Write("week.md", Digest);
        var r = await CliRunner.RunAsync(["parse", "--layout", "lab-weekly", "--format", "jsonl", file]);
        r.ExitCode.Should().Be(0, r.Error);
        var entries = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.Select(e => (e.GetProperty("title").GetString(), e.GetProperty("translatedTitle").GetString(), e.GetProperty("url").GetString())).Should().Equal(
            ("Efficient Attention for Long Documents", "Perhatian Efisien untuk Dokumen Panjang", "https://arxiv.org/abs/2411.00001"),
            ("Self-Correcting Agents", "Agen yang Mengoreksi Diri", "https://arxiv.org/abs/2411.00002"));
    }

    [Fact]
    public async Task Parse_ConfigurationLayout_AppliesWithoutTheOption()
    {
        using var a = new TempArchive();
        a.Write(".paperdigest.json", Config.Replace("{\n  \"layouts\"", "{\n  \"layout\": \"lab-weekly\",\n  \"layouts\"", StringComparison.Ordinal));
        var file = a.Write("week.md", Digest);
        var r = await CliRunner.RunAsync(["parse", "--verbose", "--format", "jsonl", file]);
        r.ExitCode.Should().Be(0, r.Error);
        r.Error.Should().Contain("layout lab-weekly, 2 entries");
    }

    [Fact]
    public async Task Parse_UnknownLayout_IsAUsageErrorNamingTheDeclaredOnes()
    {
        using var a = new TempArchive();
        a.Write(".paperdigest.json", Config);
        var file = a.Write("week.md", Digest);
        var r = await CliRunner.RunAsync(["parse", "--layout", "lab-daily", file]);
        r.ExitCode.Should().Be(2);
        r.Output.Should().BeEmpty();
        r.Error.Should().Contain("Unknown layout 'lab-daily'").And.Contain("lab-weekly");
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("validate")]
    [InlineData("fmt")]
    public async Task BadDefinition_IsAConfigurationError_NothingWritten(string command)
    {
        using var a = new TempArchive();
        a.Write(".paperdigest.json", Config.Replace("\"entry\": \"bold-line\"", "\"entry\": \"bold-line\", \"headingLevel\": 9", StringComparison.Ordinal));
        var file = a.Write("week.md", Digest);
        var r = await CliRunner.RunAsync([command, "--layout", "lab-weekly", file]);
        r.ExitCode.Should().Be(2, r.Output + r.Error);
        r.Error.Should().Contain("layouts.lab-weekly.headingLevel: must be a whole number from 1 to 6.");
        File.ReadAllText(file).Should().Be(Digest);
    }

    [Fact]
    public async Task LayoutOption_NotALayoutName_IsAUsageError()
    {
        using var a = new TempArchive();
        var file = a.Write("week.md", Digest);
        var r = await CliRunner.RunAsync(["parse", "--layout", "Lab Weekly!", file]);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("Unknown layout 'Lab Weekly!'");
    }
}
