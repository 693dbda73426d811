using PaperDigest.Parsing;

namespace PaperDigest.Tests.Parsing;

/// <summary>
/// The scan that finds every arXiv identifier a file names (the generic reading's accounting): each form, with the
/// identifier's exact offset and length (version included), whether it was text or a URL, and no identifier where none is.
/// </summary>
public sealed class ArxivIdScanTests
{
    [Theory]
    [InlineData("see https://arxiv.org/abs/2401.00001 here", "2401.00001", "2401.00001", false)]
    [InlineData("pdf: http://export.arxiv.org/pdf/2401.00001v3.", "2401.00001", "2401.00001v3", false)]
    [InlineData("html ARXIV.ORG/html/2401.12345v12 end", "2401.12345", "2401.12345v12", false)]
    [InlineData("old https://arxiv.org/abs/hep-th/9901001v2 style", "hep-th/9901001", "hep-th/9901001v2", false)]
    [InlineData("old https://arxiv.org/abs/math.AG/0601001 style", "math/0601001", "math.AG/0601001", false)]
    [InlineData("hf https://huggingface.co/papers/2502.02061 page", "2502.02061", "2502.02061", false)]
    [InlineData("hf https://hf.co/papers/2502.02061", "2502.02061", "2502.02061", false)]
    [InlineData("ax https://www.alphaxiv.org/overview/2502.02061v1", "2502.02061", "2502.02061v1", false)]
    [InlineData("cite as arXiv:2502.02061 please", "2502.02061", "2502.02061", true)]
    [InlineData("arXiv ID: **2502.02061**", "2502.02061", "2502.02061", true)]
    [InlineData("论文ID：2502.02061", "2502.02061", "2502.02061", true)]
    [InlineData("論文ID: 2502.02061", "2502.02061", "2502.02061", true)]
    [InlineData("논문 ID: 2502.02061", "2502.02061", "2502.02061", true)]
    [InlineData("Paper ID: 2502.02061", "2502.02061", "2502.02061", true)]
    [InlineData("<div data-arxiv-id=\"2502.02061\">", "2502.02061", "2502.02061", true)]
    [InlineData("arxiv:hep-th/9901001", "hep-th/9901001", "hep-th/9901001", true)]
    [InlineData("- `2401.00001` — Title", "2401.00001", "2401.00001", true)]
    [InlineData("| RT-2 | `2307.15818v2` | 2023 |", "2307.15818", "2307.15818v2", true)]
    public void Find_EachForm_GivesTheIdentifierAtItsPosition(string text, string id, string written, bool textual)
    {
        var hit = ArxivIdScan.Find(text).Should().ContainSingle().Subject;
        hit.Id.Should().Be(id);
        text.Substring(hit.Offset, hit.Length).Should().Be(written);
        hit.Textual.Should().Be(textual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a paper about papers, no identifier: 2401.00001 alone")]
    [InlineData("https://arxiv.org/abs/2401.000012 has six digits")]
    [InlineData("https://example.org/papers/2401.00001")]
    [InlineData("论文 2401.00001 without a label")]
    [InlineData("a file `2506.16146v2.pdf` in code")]
    [InlineData("a number `2506.60` and a version `2401.1234` in code")]
    [InlineData("a longer span `see 2401.00001 here` in code")]
    [InlineData("an unclosed `2401.00001\non two lines`")]
    public void Find_NoIdentifier_GivesNothing(string text)
        => ArxivIdScan.Find(text).Should().BeEmpty();

    [Fact]
    public void Find_ManyForms_InOrder_AcrossCjkAndLatinText()
    {
        var text = "论文链接：https://arxiv.org/abs/2401.00001 和 arXiv:2401.00002；论文ID：2401.00003, paper https://hf.co/papers/2401.00004 论文";
        ArxivIdScan.Find(text).Select(h => h.Id).Should().Equal("2401.00001", "2401.00002", "2401.00003", "2401.00004");
    }
}
