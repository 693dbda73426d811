namespace PaperDigest.Cli.Tests;

public class ColourTests
{
    private const string Digest = "## Title\n[标题](https://example.org/paper)\n\n摘要。\n";

    [Fact]
    public async Task Parse_StderrIsATerminal_ColoursTheSeverity()
    {
        var result = await CliRunner.RunAsync(["parse", "-"], Digest, errorIsTerminal: true);

        result.ExitCode.Should().Be(0);
        result.Error.Should().Contain("\u001b[33mwarning\u001b[0m PD0002");
        result.Output.Should().NotContain("\u001b[");
    }

    [Fact]
    public async Task Parse_NoColorSet_WritesPlainText()
    {
        var result = await CliRunner.RunAsync(["parse", "-"], Digest, new Dictionary<string, string?> { ["NO_COLOR"] = "1" }, errorIsTerminal: true);

        result.Error.Should().Contain(": warning PD0002").And.NotContain("\u001b[");
    }

    [Fact]
    public async Task Parse_StderrRedirected_WritesPlainText()
    {
        var result = await CliRunner.RunAsync(["parse", "-"], Digest);

        result.Error.Should().Contain(": warning PD0002").And.NotContain("\u001b[");
    }
}
