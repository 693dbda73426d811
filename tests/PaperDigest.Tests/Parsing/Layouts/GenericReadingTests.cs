using System.Text.Json;
using System.Text.RegularExpressions;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Layouts;

/// <summary>
/// The generic reading (issue 12): every arXiv identifier a plain scan of a file finds is accounted for; the papers a careful
/// count found by hand are entries with their titles; systematic variants of each real file keep every identifier and title;
/// hand-made digests in forms no recipe knows read correctly.
/// </summary>
public sealed partial class GenericReadingTests
{
    private static readonly string Gathered = Path.Combine(SharedFiles.RepoRoot, "tests", "PaperDigest.Tests", "Corpus", "gathered");

    /// <summary>A plain scan, written independently of the parser's: arXiv URLs, paper pages and 'arXiv:ID' text.</summary>
    [GeneratedRegex(@"(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|alphaxiv\.org/(?:abs|overview)/|arxiv[:：]\s?|data-arxiv-id=[""'])(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})", RegexOptions.IgnoreCase)]
    private static partial Regex PlainScan();

    public static TheoryData<string> AllFiles()
    {
        var data = new TheoryData<string>();
        var files = SharedFiles.RealFiles()
            .Concat(Directory.EnumerateFiles(Path.Combine(Gathered, "files")).Order(StringComparer.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.Combine(SharedFiles.RepoRoot, "tests", "PaperDigest.Tests", "Specs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        foreach (var f in files)
        {
            data.Add(Path.GetRelativePath(SharedFiles.RepoRoot, f));
        }

        return data;
    }

    public static TheoryData<string> GatheredFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Gathered, "files")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Parse_AnyFile_AccountsForEveryArxivIdentifierItNames(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(SharedFiles.RepoRoot, relative));
        var text = File.ReadAllText(path);
        var doc = DigestParser.Default.Parse(text, Path.GetFileName(path));

        var accounted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in doc.Entries)
        {
            if (e.ArxivId is { } id)
            {
                accounted.Add(id.Value);
            }

            foreach (var l in e.Links)
            {
                if (l.ArxivId is { } lid)
                {
                    accounted.Add(lid.Value);
                }
            }
        }

        foreach (var d in doc.Diagnostics)
        {
            if (d.ArxivId is { } named)
            {
                accounted.Add(named);
            }
        }

        var missing = PlainScan().Matches(text).Select(m => ArxivId.TryParse(m.Groups[1].Value, out var id) ? id.Value : null)
            .OfType<string>()
            .Where(id => !accounted.Contains(id) && !doc.Diagnostics.Any(d => d.Message.Contains(id, StringComparison.OrdinalIgnoreCase)))
            .Distinct().ToList();
        missing.Should().BeEmpty("every identifier in {0} is an entry's paper, a link in an entry, or named by a diagnostic", Path.GetFileName(path));
    }

    [Theory]
    [MemberData(nameof(GatheredFiles))]
    public void Parse_GatheredFile_FindsEveryCarefullyCountedPaperWithItsTitles(string file)
    {
        var doc = DigestParser.Default.Parse(File.ReadAllText(Path.Combine(Gathered, "files", file)), file);
        var expected = File.ReadAllLines(Path.Combine(Gathered, "ids", file + ".txt")).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList();

        doc.Entries.Where(e => e.ArxivId is not null).Select(e => e.ArxivId!.Value.Value).Distinct().Should().BeEquivalentTo(expected.Distinct(),
            "the papers of {0} are the ones counted by hand (ids/{0}.txt), no more and no fewer", file);
        foreach (var line in File.ReadLines(Path.Combine(Gathered, "titles.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("file").GetString() != file)
            {
                continue;
            }

            var id = root.GetProperty("arxivId").GetString();
            var title = root.GetProperty("title").GetString();
            var translated = root.GetProperty("translatedTitle").GetString();
            if (string.IsNullOrEmpty(id))
            {
                doc.Entries.Should().Contain(e => e.Title == title && e.TranslatedTitle == translated, "the entry titled '{0}' is read", title);
                continue;
            }

            var entry = doc.Entries.First(e => e.ArxivId is { } a && a.Value == id);
            entry.Title.Should().Be(title);
            entry.TranslatedTitle.Should().Be(translated);
        }
    }

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        var files = Directory.EnumerateFiles(SharedFiles.VendoredCorpus, "*.md").Concat(Directory.EnumerateFiles(Path.Combine(Gathered, "files"))).Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            foreach (var v in new[] { "crlf", "lf", "heading-one-deeper", "no-numbering", "link-out-of-heading", "label-words-japanese" })
            {
                data.Add(Path.GetRelativePath(SharedFiles.RepoRoot, f), v);
            }
        }

        return data;
    }

    /// <summary>A variant of a real file keeps every paper it had, with the same titles.</summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void Parse_VariantOfRealFile_KeepsEveryIdentifierAndTitle(string relative, string variant)
    {
        var text = File.ReadAllText(Path.Combine(SharedFiles.RepoRoot, relative));
        var changed = Vary(text, variant);
        var before = DigestParser.Default.Parse(text, "before.md");
        var after = DigestParser.Default.Parse(changed, "after.md");

        var papers = Papers(before);
        Papers(after).Keys.Should().BeEquivalentTo(papers.Keys, "variant '{0}' of {1} keeps every paper", variant, relative);
        foreach (var (id, titles) in Papers(after))
        {
            titles.Should().Be(papers[id], "variant '{0}' keeps the titles of {1}", variant, id);
        }
    }

    private static Dictionary<string, (string Title, string Translated)> Papers(DigestDocument doc)
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var e in doc.Entries)
        {
            if (e.ArxivId is { } id)
            {
                map.TryAdd(id.Value, (e.Title, e.TranslatedTitle));
            }
        }

        return map;
    }

    private static string Vary(string text, string variant) => variant switch
    {
        "crlf" => text.ReplaceLineEndings("\r\n"),
        "lf" => text.ReplaceLineEndings("\n"),
        "heading-one-deeper" => Regex.Replace(text, @"^(#{1,5})(?=\s)", "#$1", RegexOptions.Multiline),
        "no-numbering" => Regex.Replace(text, @"^(#{1,6}\s+)(?:\d{1,3}[.)、]\s*|\[\d{1,3}\]\s*)", "$1", RegexOptions.Multiline),
        "link-out-of-heading" => Regex.Replace(text, @"^(#{1,6}\s+)(?:\d{1,3}\.\s*)?\[([^\]\n]+)\]\((https?://(?:www\.)?arxiv\.org/abs/[^)\s]+)\)[ \t]*\r?$", "$1$2\n\n- **URL:** $3\n", RegexOptions.Multiline),
        "label-words-japanese" => Regex.Replace(text, @"^(\s*[-*]\s*\*\*)(?:URL|Link|链接|Paper|论文链接|原文链接)(\*\*\s*[:：]|[:：]\s*\*\*)", "$1リンク$2", RegexOptions.Multiline),
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    [Theory]
    [InlineData("heading-link", "## 1. Counting Sheep With Transformers\n[用 Transformer 数羊](https://arxiv.org/abs/2501.00001)\n\n摘要。\n\n## 2. A Second Paper\n[第二篇论文](https://arxiv.org/abs/2501.00002v2)\n\n摘要。\n")]
    [InlineData("link-in-heading", "# Digest\n\n### [Counting Sheep With Transformers](https://arxiv.org/abs/2501.00001)\n用 Transformer 数羊\n\nSummary.\n\n### [A Second Paper](http://arxiv.org/pdf/2501.00002v2)\nSummary.\n")]
    [InlineData("labelled-url-korean", "# 논문 요약\n\n## 1. Counting Sheep With Transformers\n- **저자:** A. Shepherd\n- **URL:** https://arxiv.org/abs/2501.00001\n- **요약:** 양을 센다.\n\n## 2. A Second Paper\n- **저자:** B\n- **URL:** https://arxiv.org/abs/2501.00002\n- **요약:** 두 번째.\n")]
    [InlineData("autolink-japanese", "# 今日の論文\n\n## Counting Sheep With Transformers\nリンク: <http://arxiv.org/abs/2501.00001v1>\n\n要約です。\n\n## A Second Paper\nリンク: <http://arxiv.org/abs/2501.00002v1>\n\n要約です。\n")]
    [InlineData("arxiv-text", "# Weekly\n\n**Counting Sheep With Transformers**\narXiv:2501.00001 — we count sheep.\n\n**A Second Paper**\narXiv:2501.00002 — second.\n")]
    [InlineData("labelled-pdf-chinese", "# 论文\n\n## 1. Counting Sheep With Transformers\n**中文标题**: 用 Transformer 数羊\n**链接**: [2501.00001v1](http://arxiv.org/pdf/2501.00001v1)\n\n## 2. A Second Paper\n**中文标题**: 第二篇论文\n**链接**: [2501.00002v1](http://arxiv.org/pdf/2501.00002v1)\n")]
    [InlineData("table-wrapped-row", "| # | Title | Link |\n| --- | --- | --- |\n| 1 | Counting Sheep With Transformers | [arXiv](https://arxiv.org/abs/2501.00001) |\n| 2 | A Second Paper | [arXiv](https://arxiv.org/abs/2501.00002) |\n")]
    [InlineData("html-cards", "# Daily\n\n<div class=\"paper-card\">\n<a class=\"card-title\" href=\"https://arxiv.org/abs/2501.00001\">Counting Sheep With Transformers</a>\n<div class=\"card-tldr\">摘要。</div>\n</div>\n\n<div class=\"paper-card\">\n<a class=\"card-title\" href=\"https://arxiv.org/abs/2501.00002\">A Second Paper</a>\n<div class=\"card-tldr\">摘要。</div>\n</div>\n")]
    [InlineData("code-span-ids", "# Reading list\n\n- `2501.00001` — *Counting Sheep With Transformers* (2025-01-02). Notes on it, with a (2024-12-01) date.\n- `2501.00002v2` — *A Second Paper* (2025-01-03).\n")]
    [InlineData("code-span-ids-plain", "# Reading list\n\n- `2501.00001` — Counting Sheep With Transformers\n- `2501.00002` — A Second Paper\n")]
    [InlineData("table-paper-column", "| No. | Paper | arXiv | Venue |\n|---|---|---|---|\n| P-01 | **Counting Sheep With Transformers** | `2501.00001` | CoRL'23 / T1 |\n| P-02 | **A Second Paper** | `2501.00002` | RSS'25 / T1 |\n")]
    [InlineData("labelled-fields-japanese", "# Brief\n\n## 基本情報\n\n- **タイトル**: Counting Sheep With Transformers\n- **著者**: A. Shepherd\n- **リンク**: [arXiv:2501.00001](https://arxiv.org/abs/2501.00001)\n\n## 基本情報\n\n- **タイトル**: A Second Paper\n- **リンク**: https://arxiv.org/pdf/2501.00002\n")]
    public void Parse_DigestOfAnUnknownForm_ReadsBothPapersWithTheirEnglishTitles(string form, string text)
    {
        var doc = DigestParser.Default.Parse(text, form + ".md");

        doc.Entries.Select(e => e.ArxivId?.Value).Should().Equal("2501.00001", "2501.00002");
        doc.Entries.Select(e => e.Title).Should().Equal("Counting Sheep With Transformers", "A Second Paper");
        doc.Entries.Should().OnlyContain(e => e.Url.StartsWith("http", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ChineseOnlyTitles_AreTranslatedTitlesAndTheEnglishTitleStaysEmpty()
    {
        var text = "# 今日论文\n\n## 1. 用变换器数羊\n- 链接: https://arxiv.org/abs/2501.00001\n- 摘要: 我们数羊。\n\n## 2. 第二篇论文\n- 链接: https://arxiv.org/abs/2501.00002\n- 摘要: 第二篇。\n";

        var doc = DigestParser.Default.Parse(text, "zh.md");

        doc.Entries.Select(e => e.TranslatedTitle).Should().Equal("用变换器数羊", "第二篇论文");
        doc.Entries.Should().OnlyContain(e => e.Title.Length == 0);
    }

    [Fact]
    public void Parse_IdentifierOutsideEveryEntry_IsNamedByAnInfoDiagnosticWithItsPosition()
    {
        var text = "# Digest\n\nBased on [an earlier survey](https://arxiv.org/abs/2401.99999).\n\n## Counting Sheep With Transformers\n- URL: https://arxiv.org/abs/2501.00001\n\n## A Second Paper\n- URL: https://arxiv.org/abs/2501.00002\n";

        var doc = DigestParser.Default.Parse(text, "d.md");

        doc.Entries.Select(e => e.ArxivId?.Value).Should().Equal("2501.00001", "2501.00002");
        var d = doc.Diagnostics.Should().ContainSingle(x => x.Id == DiagnosticIds.UnaccountedArxivId).Which;
        d.ArxivId.Should().Be("2401.99999");
        d.Span.StartLine.Should().Be(3);
        d.Message.Should().Contain("before the first entry");
    }

    [Fact]
    public void Parse_BareNumbersInProseAndFileNamesInCode_AreNotIdentifiers()
    {
        var text = "# Notes\n\n## Counting Sheep With Transformers\n- URL: https://arxiv.org/abs/2501.00001\n\nSee 2501.00003 and the file `2501.00004v1.pdf`; ETH was 2506.24.\n";

        var doc = DigestParser.Default.Parse(text, "notes.md");

        doc.Entries.Select(e => e.ArxivId?.Value).Should().Equal("2501.00001");
        doc.Diagnostics.Should().NotContain(d => d.Id == DiagnosticIds.UnaccountedArxivId);
    }

    [Fact]
    public void Parse_CodeSpanIdentifierOutsideEveryEntry_IsNamedByAnInfoDiagnostic()
    {
        var text = "# Digest\n\n## Counting Sheep With Transformers\n- URL: https://arxiv.org/abs/2501.00001\n\n## A Second Paper\n- URL: https://arxiv.org/abs/2501.00002\n\nAlso worth a look: `2501.00009`.\n";

        var doc = DigestParser.Default.Parse(text, "d.md");

        doc.Entries.Select(e => e.ArxivId?.Value).Should().Equal("2501.00001", "2501.00002");
        doc.Entries.SelectMany(e => e.Links).Select(l => l.ArxivId?.Value).Should().NotContain("2501.00009");
        doc.Diagnostics.Should().ContainSingle(x => x.Id == DiagnosticIds.UnaccountedArxivId).Which.ArxivId.Should().Be("2501.00009");
    }

    [Fact]
    public void Parse_CardsUnderHeadingsThenAReadingListOfCodeSpanIdentifiers_ReadsEachPartInItsForm()
    {
        var text = "# Digest\n\n## 2025-01-02\n\n### [Counting Sheep With Transformers](https://arxiv.org/abs/2501.00001)\n\n- **arXiv**: `2501.00001`  |  **Date**: 2025-01-02\n- **Authors**: A. Shepherd\n\nWe count sheep.\n\n---\n\n### [A Second Paper](https://arxiv.org/abs/2501.00002)\n\n- **arXiv**: `2501.00002`\n- **Authors**: B. Author\n\nSecond.\n\n## Also noted\n\n- `2501.00003` — *A Third Paper* (2025-01-03).\n- `2501.00004` — *A Fourth Paper* (2025-01-04).\n";

        var doc = DigestParser.Default.Parse(text, "mixed.md");

        doc.Entries.Select(e => e.ArxivId?.Value).Should().Equal("2501.00001", "2501.00002", "2501.00003", "2501.00004");
        doc.Entries.Select(e => e.Title).Should().Equal("Counting Sheep With Transformers", "A Second Paper", "A Third Paper", "A Fourth Paper");
    }
}
