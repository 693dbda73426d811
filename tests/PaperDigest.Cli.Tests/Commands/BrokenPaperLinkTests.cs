namespace PaperDigest.Cli.Tests;

/// <summary>
/// A paper link lost in a Chinese-heading digest (a <c>原文链接</c> field with no URL, a URL cut by a bidirectional control
/// character) fails <c>validate</c> with a PD0021 error at the field's position, instead of an entry with an empty or cut URL
/// and exit 0 (issue 14, item 5).
/// </summary>
public class BrokenPaperLinkTests
{
    private static string Digest(string firstLink) => $"""
        # 论文日报

        ## 1. 第一篇论文的中文标题

        - **原文链接**: {firstLink}
        - **发布日期**: 2024-01-02
        - **摘要**:

        这是第一篇论文的摘要，它讲述了一个新的方法，并在多个基准上做了实验。

        ## 2. 第二篇论文的中文标题

        - **原文链接**: https://arxiv.org/abs/2401.00002
        - **发布日期**: 2024-01-02
        - **摘要**:

        这是第二篇论文的摘要，它讲述了另一个方法，并在多个基准上做了实验。

        """;

    [Theory]
    [InlineData("暂无", "5:3", "The field '原文链接' holds '暂无', which is no link")]
    [InlineData("https://arx\u202Eiv.org/abs/2401.00001", "5:13", "is cut short by the invisible control character U+202E; 'iv.org/abs/2401.00001' after it is not part of the link")]
    [InlineData("https://arxiv.org/abs/2401\u200F.00001", "5:13", "cut short by the invisible control character U+200F")]
    [InlineData("[链接](暂无)", "5:13", "is not a web address")]
    public async Task Validate_BrokenPaperLink_IsAnErrorAtTheField(string link, string position, string message)
    {
        using var a = new TempArchive();
        var file = a.Write("digest.md", Digest(link));
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(1, r.Output + r.Error);
        r.Output.Should().Contain($"{file}:{position}: error PD0021/malformed-link: ").And.Contain(message);
    }

    [Fact]
    public async Task Validate_SameDigestWithItsLink_Passes()
    {
        using var a = new TempArchive();
        var file = a.Write("digest.md", Digest("https://arxiv.org/abs/2401.00001"));
        var r = await CliRunner.RunAsync(["validate", file]);
        r.ExitCode.Should().Be(0, r.Output + r.Error);
        r.Output.Should().NotContain("PD0021");
    }
}
