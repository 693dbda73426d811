using System.Text;
using CsCheck;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Writing;

namespace PaperDigest.Tests.Writing;

public class DigestWriterTests
{
    [Fact]
    public void Write_Document_UsesTheSeedLayout()
    {
        var doc = new DigestDocument
        {
            Preamble = "# 2025-02-04  \n\n\n前言。",
            Entries =
            [
                new DigestEntry { Title = "s1: Simple test-time scaling", TranslatedTitle = "s1：测试时缩放", Url = "https://arxiv.org/abs/2501.19393", AbstractMarkdown = "第一段。\n第二行。\n\n第二段。" },
                new DigestEntry { Title = "No Abstract", TranslatedTitle = "无摘要", Url = "https://arxiv.org/abs/2502.01456" },
            ],
        };

        DigestWriter.Write(doc).Should().Be(
            "# 2025-02-04\n\n前言。\n\n## s1: Simple test-time scaling\n[s1：测试时缩放](https://arxiv.org/abs/2501.19393)\n\n第一段。\n第二行。\n\n第二段。\n\n## No Abstract\n[无摘要](https://arxiv.org/abs/2502.01456)\n");
    }

    [Fact]
    public void Write_EntryWithoutTitleOrLink_WritesBareHeading()
    {
        var text = DigestWriter.Write(new DigestDocument { Entries = [new DigestEntry { Title = "", AbstractMarkdown = "摘要。" }] });

        text.Should().Be("##\n\n摘要。\n");
    }

    [Theory]
    [InlineData("1. Intro to Cats", "## 1\\. Intro to Cats")]
    [InlineData("2、猫的介绍", "## &#50;、猫的介绍")]
    [InlineData("1.5-Pints", "## 1.5-Pints")]
    public void Write_TitleThatStartsLikeAnEntryNumber_IsEscapedSoItReadsBack(string title, string heading)
    {
        var doc = new DigestDocument { Entries = [new DigestEntry { Title = title, TranslatedTitle = "t", Url = "https://arxiv.org/abs/2501.00001", AbstractMarkdown = "摘要。" }] };

        var text = DigestWriter.Write(doc);

        text.Should().StartWith(heading + "\n");
        var again = DigestParser.Default.Parse(text);
        again.Entries.Single().Title.Should().Be(title);
        again.Diagnostics.Should().NotContain(d => d.Id == DiagnosticIds.NumberedTitle);
    }

    [Theory]
    [InlineData("https://example.com/a b", "<https://example.com/a b>")]
    [InlineData("https://example.com/(a", "<https://example.com/(a>")]
    [InlineData("https://example.com/a)b", "<https://example.com/a)b>")]
    [InlineData("https://en.wikipedia.org/wiki/A_(b)", "https://en.wikipedia.org/wiki/A_(b)")]
    [InlineData("https://example.com/a\\b", "https://example.com/a\\\\b")]
    public void Write_AwkwardLinkTarget_IsWrittenSoItReadsBack(string url, string written)
    {
        var doc = new DigestDocument { Entries = [new DigestEntry { Title = "T", TranslatedTitle = "t", Url = url, AbstractMarkdown = "摘要。" }] };

        var text = DigestWriter.Write(doc);

        text.Should().Contain($"[t]({written})");
        DigestParser.Default.Parse(text).Entries.Single().Url.Should().Be(url);
    }

    [Theory]
    [InlineData("a*b_c", "a\\*b\\_c")]
    [InlineData("[x](y)", "\\[x\\]\\(y\\)")]
    [InlineData("<b>&amp;", "\\<b\\>\\&amp;")]
    [InlineData("中文 `code` #1 | ~ !", "中文 \\`code\\` \\#1 \\| \\~ \\!")]
    [InlineData("back\\slash", "back\\\\slash")]
    public void EscapeInline_MarkdownSpecials_AreBackslashEscaped(string text, string expected)
        => DigestWriter.EscapeInline(text).Should().Be(expected);

    [Theory]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("12) twelve", "12\\) twelve")]
    [InlineData("# title", "\\# title")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("===", "\\===")]
    [InlineData("  indented  ", "indented")]
    public void EscapeBlockText_LineThatWouldStartABlock_IsEscaped(string text, string expected)
        => DigestWriter.EscapeBlockText(text).Should().Be(expected);

    [Theory]
    [InlineData("- item\n+ item\n* item")]
    [InlineData("1. first\n2) second")]
    [InlineData("# not a heading\n> not a quote")]
    [InlineData("title\n===\n\nother\n---")]
    [InlineData("```\ncode\n```")]
    [InlineData("    four spaces\n\ttab")]
    [InlineData("<div>html</div>\n<!-- comment -->")]
    [InlineData("[a]: https://example.com\n[a]")]
    [InlineData("| a | b |\n| - | - |")]
    [InlineData("中文 *强调* **粗体** _下划线_ `代码` ![图](x.png) \\ 反斜杠 &amp; &#20013;")]
    public void EscapeBlockText_ParsedAsAbstract_GivesTheTextBack(string text)
    {
        var markdown = "## T\n[t](https://arxiv.org/abs/2501.19393)\n\n" + DigestWriter.EscapeBlockText(text) + "\n";

        var expected = string.Join('\n', text.Split('\n').Select(l => l.Trim()));
        DigestParser.Default.Parse(markdown).Entries.Single().Abstract.Should().Be(expected);
    }

    [Theory]
    [InlineData("- a\n---\n- b", "a\n\nb")]
    [InlineData("- a\n\n---\n\n- b", "a\n\nb")]
    [InlineData("* a\n***\n* b", "a\n\nb")]
    [InlineData("1. a\n---\n1. b", "a\n\nb")]
    [InlineData("- a\n# date\n- b", "a\n\nb")]
    [InlineData("- a\n---\n    code", "a\n\ncode")]
    [InlineData("- a\n---\n   indented paragraph", "a\n\nindented paragraph")]
    public void ParseWriteParse_ListsApartInTheAbstract_StayApart(string abstractSource, string text)
    {
        // Found by the fuzzer (issue 13): a thematic break between two lists is not part of the abstract, and the two
        // lists written one blank line apart were read back as one loose list, so the plain text changed.
        var first = DigestParser.Default.Parse("## T\n[t](https://arxiv.org/abs/2501.19393)\n\n" + abstractSource + "\n");

        var written = DigestWriter.Write(first);
        var second = DigestParser.Default.Parse(written);

        first.Entries.Single().Abstract.Should().Be(text);
        second.Entries.Single().ContentEquals(first.Entries.Single()).Should().BeTrue($"the abstract should read back the same from:\n{written}");
        DigestWriter.Write(second).Should().Be(written);
    }

    [Fact]
    public void Write_ListsOfDifferentKindsApart_NeedNoSeparator()
    {
        var doc = DigestParser.Default.Parse("## T\n[t](https://arxiv.org/abs/2501.19393)\n\n- a\n---\n+ b\n\npara\n");

        DigestWriter.Write(doc).Should().EndWith("\n\n- a\n\n+ b\n\npara\n");
    }

    [Fact]
    public void Write_Seed_GivesTheSeedWithTrailingSpacesAndRepeatedBlankLinesRemoved()
    {
        var seed = File.ReadAllText(SharedFiles.SeedPath);

        var written = DigestWriter.Write(DigestParser.Default.Parse(seed));

        // The canonical form, computed without the parser: lines right-trimmed, one blank line between blocks, one final newline.
        var canonical = new StringBuilder();
        var blank = false;
        foreach (var line in seed.Split('\n').Select(l => l.TrimEnd(' ')))
        {
            if (line.Length == 0)
            {
                blank = canonical.Length > 0;
                continue;
            }

            canonical.Append(blank ? "\n" : "").Append(line).Append('\n');
            blank = false;
        }

        written.Should().Be(canonical.ToString());
    }

    [Fact]
    public void ParseWriteParse_Seed_IsStable()
    {
        var first = DigestParser.Default.ParseFile(SharedFiles.SeedPath);

        var written = DigestWriter.Write(first);
        var second = DigestParser.Default.Parse(written);

        second.Entries.Should().HaveCount(19);
        for (var i = 0; i < first.Entries.Count; i++)
        {
            first.Entries[i].ContentEquals(second.Entries[i]).Should().BeTrue($"entry {i} ({first.Entries[i].Title}) should survive the round trip");
        }

        second.Diagnostics.Select(d => d.Id).Should().Equal(first.Diagnostics.Select(d => d.Id));
        DigestWriter.Write(second).Should().Be(written);
    }

    private static readonly string[] TextTokens =
    [
        "中文", "摘要", "模型", "推理", "数据", "。", "，", "（", "）", "「", "」", "：", "LIMO", "Less", "is", "More", "s1", "2501",
        "*", "**", "_", "[", "]", "(", ")", "[x](y)", "#", "##", ">", "-", "+", "1.", "2)", "`", "```", "!", "![a](b)", "<", "<b>",
        "&", "&amp;", "&#20013;", "\\", "|", "~", "12、", "=", "===", "---", "\"", "'", " ", " ", " ", "  ", "😀",
    ];

    private static readonly (string Url, LinkKind Kind, string Normalised, string? Owner, string? Repo, string? Id)[] UrlTokens =
    [
        ("https://github.com/owner-x/repo.y", LinkKind.GitHubRepository, "https://github.com/owner-x/repo.y", "owner-x", "repo.y", null),
        ("https://github.com/a1/b1.git", LinkKind.GitHubRepository, "https://github.com/a1/b1", "a1", "b1", null),
        ("https://arxiv.org/abs/2501.19393v2", LinkKind.Arxiv, "https://arxiv.org/abs/2501.19393v2", null, null, "2501.19393v2"),
        ("https://huggingface.co/papers/2502.01456", LinkKind.PaperPage, "https://huggingface.co/papers/2502.01456", null, null, "2502.01456"),
        ("https://example.com/path?q=1", LinkKind.Other, "https://example.com/path?q=1", null, null, null),
    ];

    private static readonly Gen<string> GenPlain = Gen.Int[0, TextTokens.Length - 1].Array[1, 12]
        .Select(ix => string.Concat(ix.Select(i => TextTokens[i])));

    private static readonly Gen<string> GenTitle = GenPlain.Select(t => HtmlTextCollapse(t) is { Length: > 0 } c ? c : "T");

    private static readonly Gen<(string Id, string Url)> GenPaper = Gen.Select(
        Gen.OneOf(
            Gen.Select(Gen.Int[15, 25], Gen.Int[1, 12], Gen.Int[0, 99999], (y, m, n) => $"{y:D2}{m:D2}.{n:D5}"),
            Gen.Select(Gen.Int[8, 14], Gen.Int[1, 12], Gen.Int[0, 9999], (y, m, n) => $"{y:D2}{m:D2}.{n:D4}"),
            Gen.Select(Gen.OneOfConst("hep-th", "math.GT", "cond-mat", "astro-ph"), Gen.Int[91, 99], Gen.Int[1, 12], Gen.Int[0, 999], (a, y, m, n) => $"{a}/{y:D2}{m:D2}{n:D3}")),
        Gen.OneOfConst("", "v1", "v2", "v13"),
        Gen.OneOfConst("https://arxiv.org/abs/{0}", "http://arxiv.org/pdf/{0}.pdf", "https://export.arxiv.org/abs/{0}", "https://www.arxiv.org/html/{0}", "https://arxiv.org/pdf/{0}"),
        (id, v, form) => (id + v, string.Format(System.Globalization.CultureInfo.InvariantCulture, form, id + v)));

    /// <summary>A line of an abstract: plain text and URLs (always space-separated), with the links the parser should find.</summary>
    private static readonly Gen<(string Text, int[] Urls)> GenLine = Gen.Select(GenPlain.Array[1, 4], Gen.Int[0, UrlTokens.Length].Array[0, 3], (texts, urls) =>
    {
        var sb = new StringBuilder();
        var used = new List<int>();
        for (var i = 0; i < texts.Length; i++)
        {
            sb.Append(texts[i]);
            if (i < urls.Length && urls[i] < UrlTokens.Length)
            {
                sb.Append(' ').Append(UrlTokens[urls[i]].Url).Append(' ');
                used.Add(urls[i]);
            }
        }

        var line = sb.ToString().Trim();
        return (line.Length == 0 ? "摘要" : line, used.ToArray());
    });

    private static readonly Gen<DigestEntry> GenEntry = Gen.Select(GenTitle, GenTitle, GenPaper, GenLine.Array[1, 3].Array[1, 3], (title, translated, paper, paragraphs) =>
    {
        var text = string.Join("\n\n", paragraphs.Select(p => string.Join('\n', p.Select(l => l.Text))));
        var links = paragraphs.SelectMany(p => p).SelectMany(l => l.Urls).Select(u =>
        {
            var t = UrlTokens[u];
            return new DigestLink
            {
                Url = t.Normalised, OriginalUrl = t.Url, Text = t.Url, Kind = t.Kind, Owner = t.Owner, Repo = t.Repo,
                ArxivId = t.Id is null ? null : ArxivId.Parse(t.Id),
            };
        }).ToArray();
        return new DigestEntry
        {
            Title = title,
            TranslatedTitle = translated,
            ArxivId = ArxivId.Parse(paper.Id),
            Url = paper.Url,
            Abstract = text,
            AbstractMarkdown = DigestWriter.EscapeBlockText(text),
            Links = links,
        };
    });

    [Fact]
    public void WriteThenParse_GeneratedDocuments_GivesEntriesWithEqualContent()
    {
        GenEntry.Array[1, 5].Sample(
            entries =>
            {
                var written = DigestWriter.Write(new DigestDocument { Entries = entries });

                var parsed = DigestParser.Default.Parse(written);

                parsed.HasErrors.Should().BeFalse(written);
                parsed.Entries.Should().HaveCount(entries.Length, written);
                for (var i = 0; i < entries.Length; i++)
                {
                    if (!entries[i].ContentEquals(parsed.Entries[i]))
                    {
                        parsed.Entries[i].Should().BeEquivalentTo(entries[i], o => o.Excluding(e => e.Span).Excluding(e => e.TitleSpan).Excluding(e => e.LinkSpan)
                            .For(e => e.Links).Exclude(l => l.Span), written);
                    }
                }
            },
            iter: 1500);
    }

    private static string HtmlTextCollapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
