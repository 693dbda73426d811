using System.Buffers;
using System.Text;
using System.Text.Json;
using PaperDigest.Parsing;
using PaperDigest.Serialization;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Serialization;

/// <summary>The fast abstract writer gives the same bytes as the writer's own escaping, whatever the text holds.</summary>
public sealed class RelaxedStringConverterTests
{
    public static TheoryData<string> Awkward => new()
    {
        "",
        "plain ASCII",
        "多行\n摘要\n\n第二段",
        "quote \" and backslash \\ and slash /",
        "controls \t \r \b \f \u0001 \u001f",
        "HTML-ish <b>&amp;</b> 'single' `tick` +plus",
        "emoji 😀 and a rare ideograph 𠀀",
        "line separators \u2028 \u2029 and NEL \u0085",
        "lone surrogate \ud800 here",
        "no-break\u00a0space, ideographic\u3000space, zero\u200bwidth, BOM\ufeff",
        "full-width，punctuation。（括号）「引号」",
        "unassigned \u0378 and private use \ue000",
        "trailing newline\n",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Write_AnyText_SameBytesAsTheWriter(string text)
    {
        Converted(text).Should().Be(Plain(text));
    }

    [Fact]
    public void Write_SameStringTwice_ReusesAndStillMatches()
    {
        var text = "第一段\n第二段 with ASCII";

        var twice = Write(w =>
        {
            w.WriteStartArray();
            new RelaxedStringConverter().Write(w, text, JsonSerializerOptions.Default);
            new RelaxedStringConverter().Write(w, text, JsonSerializerOptions.Default);
            w.WriteEndArray();
        });

        twice.Should().Be($"[{Plain(text)},{Plain(text)}]");
    }

    [Fact]
    public void Write_AnotherEncoder_LeftToTheWriter()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new RelaxedStringConverter().Write(writer, "摘要", JsonSerializerOptions.Default);
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be("\"\\u6458\\u8981\"", "the default encoder escapes CJK and must still do so");
    }

    [Fact]
    public void Serialize_SeedEntries_SameAsTheWriterWithoutTheConverter()
    {
        var doc = DigestParser.Default.ParseFile(SharedFiles.SeedPath);

        foreach (var entry in doc.Entries)
        {
            Converted(entry.Abstract).Should().Be(Plain(entry.Abstract));
            Converted(entry.AbstractMarkdown).Should().Be(Plain(entry.AbstractMarkdown));
            var json = DigestJson.Serialize(entry, "seed.md");
            using var parsed = JsonDocument.Parse(json);
            parsed.RootElement.GetProperty("abstract").GetString().Should().Be(entry.Abstract);
            parsed.RootElement.GetProperty("abstractMarkdown").GetString().Should().Be(entry.AbstractMarkdown);
        }
    }

    private static string Converted(string text) => Write(w => new RelaxedStringConverter().Write(w, text, JsonSerializerOptions.Default));

    private static string Plain(string text) => Write(w => w.WriteStringValue(text));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DigestJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
