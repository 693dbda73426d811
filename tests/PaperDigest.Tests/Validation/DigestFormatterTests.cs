using CsCheck;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

public class DigestFormatterTests
{
    private static readonly Gen<string> Word = Gen.OneOfConst("Scaling", "LLM", "test-time", "推理", "模型", "的", "Vision", "2025", "RL:", "(MoE)", "o1", "数据集", "+3.5%", "A/B");

    private static readonly Gen<string> Spaces = Gen.OneOfConst("", "", " ", "  ", "\t");

    private static readonly Gen<string> Blank = Gen.OneOfConst("\n", "\n", "\n\n", "\n \n");

    private static readonly Gen<string> Phrase = Word.Array[1, 6].Select(w => string.Join(' ', w));

    private static readonly Gen<string> Entry =
        Gen.Select(Phrase, Phrase, Gen.Int[10000, 99999], Phrase.Array[1, 3].Array[1, 3], Spaces, Spaces, Blank, Gen.Bool)
            .Select(t =>
            {
                var (title, zh, id, paragraphs, s1, s2, blank, gapAfterHeading) = t;
                var abs = string.Join(blank, paragraphs.Select(lines => string.Join(s1 + "\n", lines)));
                return $"## {title}{s1}\n{(gapAfterHeading ? "\n" : "")}[{zh}](https://arxiv.org/abs/2501.{id}){s2}\n{blank}{abs}{s2}\n";
            });

    private static readonly Gen<string> Document =
        Gen.Select(Gen.OneOfConst("", "# 2025-02-01 论文速递\n\n", "# Digest  \n\n\nSome preface.\n\n"), Entry.Array[1, 5], Blank)
            .Select(t => t.Item1 + string.Join(t.Item3, t.Item2));

    [Fact]
    public void Format_MessyDocuments_KeepRecordsAndAreIdempotent()
    {
        Document.Sample(text =>
        {
            var source = DigestSource.Parse(DigestParser.Default, text, "p.md");
            var result = DigestFormatter.Format(source);
            result.IsFormattable.Should().BeTrue($"{result.Reason}: input\n{text}\noutput\n{(global::PaperDigest.Writing.DigestWriter.Write(source.Document))}");
            var again = DigestSource.Parse(DigestParser.Default, result.Text, "p.md");
            DigestFormatter.SameContent(source.Document, again.Document).Should().BeTrue();
            var twice = DigestFormatter.Format(again);
            twice.Changed.Should().BeFalse();
            twice.Text.Should().Be(result.Text);
            DigestValidator.Default.Validate(again).Findings.Should().NotContain(f => f.Rule.Id == RuleIds.NonCanonicalFormat);
        }, iter: 300);
    }

    [Fact]
    public void Format_Seed_KeepsEveryRecord()
    {
        var source = DigestSource.Parse(DigestParser.Default, File.ReadAllBytes(SharedFiles.SeedPath), "seed.md");
        var result = DigestFormatter.Format(source);
        result.IsFormattable.Should().BeTrue(result.Reason);
        result.Changed.Should().BeTrue();
        DigestFormatter.SameContent(source.Document, DigestParser.Default.Parse(result.Text)).Should().BeTrue();
    }

    [Fact]
    public void Format_StrayContent_IsNotFormattable()
    {
        var source = DigestSource.Parse(DigestParser.Default, "## T\n[标题](https://arxiv.org/abs/2501.00001) stray\n\n摘要。\n", "s.md");
        var result = DigestFormatter.Format(source);
        result.IsFormattable.Should().BeFalse();
        result.Reason.Should().Contain("PD0008");
        result.Text.Should().Be(source.Text);
    }

    [Fact]
    public void Format_NumberedTitles_IsNotFormattable()
    {
        var source = DigestSource.Parse(DigestParser.Default, "## 1. T\n[标题](https://arxiv.org/abs/2501.00001)\n\n摘要。\n", "n.md");
        source.Document.Entries.Single().Title.Should().Be("T");

        var result = DigestFormatter.Format(source);

        result.IsFormattable.Should().BeFalse();
        result.Reason.Should().Contain("PD0022");
        result.Text.Should().Be(source.Text);
    }
}
