using System.Text.Json.Nodes;
using PaperDigest.Parsing;
using PaperDigest.Serialization;

namespace PaperDigest.Tests.Serialization;

public class DigestJsonTests
{
    private const string Text = "## LIMO: Less is More\n[LIMO：少即是多](https://arxiv.org/abs/2502.03387v2)\n\n地址为 https://github.com/GAIR-NLP/LIMO.git 。项目主页：https://limo.github.io/\n";

    [Fact]
    public void Serialize_Entry_WritesTheDocumentedCamelCaseFields()
    {
        var doc = DigestParser.Default.Parse(Text, "digests/a.md");

        var json = JsonNode.Parse(DigestJson.Serialize(doc.Entries[0], doc.Path))!.AsObject();

        json.Select(p => p.Key).Should().Equal("title", "translatedTitle", "arxivId", "arxivVersion", "url", "abstract", "abstractMarkdown", "links", "source");
        json["title"]!.GetValue<string>().Should().Be("LIMO: Less is More");
        json["arxivId"]!.GetValue<string>().Should().Be("2502.03387");
        json["arxivVersion"]!.GetValue<int>().Should().Be(2);
        json["url"]!.GetValue<string>().Should().Be("https://arxiv.org/abs/2502.03387v2");
        var links = json["links"]!.AsArray();
        links[0]!["url"]!.GetValue<string>().Should().Be("https://github.com/GAIR-NLP/LIMO");
        links[0]!["kind"]!.GetValue<string>().Should().Be("github");
        links[0]!["owner"]!.GetValue<string>().Should().Be("GAIR-NLP");
        links[0]!["repo"]!.GetValue<string>().Should().Be("LIMO");
        links[0]!["originalUrl"]!.GetValue<string>().Should().Be("https://github.com/GAIR-NLP/LIMO.git");
        links[1]!["kind"]!.GetValue<string>().Should().Be("project");
        links[1]!.AsObject().ContainsKey("owner").Should().BeFalse();
        var source = json["source"]!;
        source["path"]!.GetValue<string>().Should().Be("digests/a.md");
        ((int)source["line"]!).Should().Be(1);
        ((int)source["column"]!).Should().Be(1);
        ((int)source["endLine"]!).Should().Be(4);
    }

    [Fact]
    public void Serialize_Entry_WritesCjkUnescapedOnOneLine()
    {
        var doc = DigestParser.Default.Parse(Text);

        var json = DigestJson.Serialize(doc.Entries[0], null);

        json.Should().Contain("少即是多").And.NotContain("\\u").And.NotContain("\n");
    }

    [Fact]
    public void Serialize_EntryWithoutArxiv_WritesNulls()
    {
        var doc = DigestParser.Default.Parse("## T\n[t](https://openreview.net/forum?id=x)\n\n摘要。\n");

        var json = JsonNode.Parse(DigestJson.Serialize(doc.Entries[0], null))!;

        json["arxivId"].Should().BeNull();
        json["arxivVersion"].Should().BeNull();
        json.AsObject().ContainsKey("arxivId").Should().BeTrue();
    }

    [Fact]
    public void Serialize_Document_IncludesDiagnosticsWithPositions()
    {
        var doc = DigestParser.Default.Parse("## T\n\n摘要。\n", "x.md");

        var json = JsonNode.Parse(DigestJson.Serialize(doc, indented: true))!;

        json["layout"]!.GetValue<string>().Should().Be("heading-link");
        var d = json["diagnostics"]!.AsArray()[0]!;
        d["id"]!.GetValue<string>().Should().Be("PD0001");
        d["severity"]!.GetValue<string>().Should().Be("error");
        ((int)d["source"]!["line"]!).Should().Be(1);
        ((int)d["source"]!["column"]!).Should().Be(4);
    }

    [Fact]
    public void SerializeEntriesToUtf8_JoinsOrTerminatesEntriesAsSerializeWritesThem()
    {
        var doc = DigestParser.Default.Parse(Text + "\n## Second\n[第二](https://arxiv.org/abs/2502.00002)\n\n摘要。\n", "a.md");
        doc.Entries.Should().HaveCount(2);
        var (first, second) = (DigestJson.Serialize(doc.Entries[0], "a.md"), DigestJson.Serialize(doc.Entries[1], "a.md"));

        System.Text.Encoding.UTF8.GetString(DigestJson.SerializeEntriesToUtf8(doc, ",\n"u8, terminate: false)).Should().Be($"{first},\n{second}");
        System.Text.Encoding.UTF8.GetString(DigestJson.SerializeEntriesToUtf8(doc, "\n"u8, terminate: true)).Should().Be($"{first}\n{second}\n");
        DigestJson.SerializeEntriesToUtf8(DigestParser.Default.Parse("", "e.md"), "\n"u8, terminate: true).Should().BeEmpty();
    }
}
