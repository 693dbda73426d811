namespace PaperDigest.Cli.Tests;

public class ParseCommandSmokeTests
{
    [Fact]
    public async Task Parse_MissingFile_Exits2AndNamesTheFile()
    {
        var result = await CliRunner.RunAsync(["parse", "does-not-exist.md"]);
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("does-not-exist.md");
    }

    [Fact]
    public async Task Parse_Stdin_WritesJsonLines()
    {
        var result = await CliRunner.RunAsync(["parse", "--format", "jsonl", "-"], "## Title\n[标题](https://arxiv.org/abs/2501.19393)\n\n摘要。\n");
        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("\"arxivId\":\"2501.19393\"").And.Contain("\"translatedTitle\":\"标题\"");
    }
}
