using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Validation;

namespace PaperDigest.Tests.Validation;

/// <summary>
/// <see cref="DigestConverter.ToCanonical"/>: a file read in any layout is written in the canonical one and read back
/// with the same titles, identifiers and links; what the canonical fields cannot hold goes into the abstract or is
/// reported. Checked over every Markdown file under tests/ and, when it is beside the checkout, the real corpus.
/// </summary>
public sealed class DigestConverterTests
{
    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedFiles.RepoRoot, "tests"), "*.md", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            if (HasSomethingToConvert(File.ReadAllBytes(file)))
            {
                data.Add(Path.GetRelativePath(SharedFiles.RepoRoot, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    public static TheoryData<string> RealFiles()
    {
        var data = new TheoryData<string>();
        var dir = SharedFiles.SharedRoot is { } root ? Path.Combine(root, "corpus", "real") : null;
        if (dir is null || !Directory.Exists(dir))
        {
            data.Add("(absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.md").Order(StringComparer.Ordinal).Where(f => HasSomethingToConvert(File.ReadAllBytes(f))))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public void ToCanonical_TestFile_KeepsTitlesIdentifiersAndLinks(string relative)
        => AssertRoundTrip(File.ReadAllBytes(Path.Combine(SharedFiles.RepoRoot, relative)), relative);

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void ToCanonical_RealFile_KeepsTitlesIdentifiersAndLinks(string file)
    {
        var root = SharedFiles.RequireShared();
        AssertRoundTrip(File.ReadAllBytes(Path.Combine(root, "corpus", "real", file)), file);
    }

    [Fact]
    public void ToCanonical_FieldsBeyondTheCanonicalOnes_GoIntoTheAbstractAfterALabel()
    {
        const string text = """
            ### [1] [Counting Sheep with Transformers](https://arxiv.org/abs/2501.00001)
            *Ada Shepherd,Bo Fleece*

            > *用 Transformer 数羊*

            Main category: cs.CL

            TL;DR: 用 Transformer 数羊以便入睡。

            <details>
              <summary>Details</summary>
            Abstract: We count sheep
            with a transformer and fall asleep faster.

            </details>
            """;
        var source = DigestSource.Parse(DigestParser.Default, text, "b.md");
        source.Document.Layout.Should().Be("bracket-number-link");

        var result = DigestConverter.ToCanonical(source);

        result.IsFormattable.Should().BeTrue(result.Reason);
        result.Text.Should().Be("""
            ## Counting Sheep with Transformers
            [用 Transformer 数羊](https://arxiv.org/abs/2501.00001)

            We count sheep
            with a transformer and fall asleep faster.

            Source fields:

            - Ada Shepherd,Bo Fleece
            - Main category: cs.CL
            - TL;DR: 用 Transformer 数羊以便入睡。

            """.ReplaceLineEndings("\n"));
        result.Dropped.Should().BeEmpty();
    }

    [Fact]
    public void ToCanonical_LinksOutsideTheAbstract_AreKeptInTheSourceFields()
    {
        const string text = "## SLAM\n\n- 2024-12-29, **Loop Closure for Cats**, Bo Cat et.al., Paper: [http://arxiv.org/abs/2412.09999v2](http://arxiv.org/abs/2412.09999v2), Code: **[https://github.com/example/catloop](https://github.com/example/catloop)**\n";
        var source = DigestSource.Parse(DigestParser.Default, text, "l.md");
        source.Document.Layout.Should().Be("bullet-line");

        var result = DigestConverter.ToCanonical(source);

        result.IsFormattable.Should().BeTrue(result.Reason);
        var again = DigestParser.Default.Parse(result.Text);
        again.Entries.Single().Links.Select(l => l.Url).Should().Contain("https://github.com/example/catloop");
        again.Entries.Single().Abstract.Should().Contain("Bo Cat et.al.");
    }

    [Fact]
    public void ToCanonical_SectionHeadingsBetweenEntries_AreReportedWithTheirLines()
    {
        const string text = "# Digest\n\n## SLAM\n\n- 2024-12-30, **Mapping Fog**, A. Author et.al., Paper: [http://arxiv.org/abs/2412.08888v1](http://arxiv.org/abs/2412.08888v1)\n\n## NeRF\n\n- 2024-12-29, **Loop Closure**, B. Cat et.al., Paper: [http://arxiv.org/abs/2412.09999v2](http://arxiv.org/abs/2412.09999v2)\n";
        var source = DigestSource.Parse(DigestParser.Default, text, "s.md");
        source.Document.Layout.Should().Be("bullet-line");

        var result = DigestConverter.ToCanonical(source);

        result.IsFormattable.Should().BeTrue(result.Reason);
        result.Dropped.Should().Equal(new DroppedContent(7, "NeRF"));
        result.Text.Should().StartWith("# Digest\n\n# SLAM\n\n## Mapping Fog\n");
    }

    [Fact]
    public void ToCanonical_CanonicalFile_IsWhatFormatWrites()
    {
        const string text = "# D\n\n## Paper\n[论文](https://arxiv.org/abs/2501.00001)\n\n摘要。\n";
        var source = DigestSource.Parse(DigestParser.Default, text, "c.md");

        var result = DigestConverter.ToCanonical(source);

        result.IsFormattable.Should().BeTrue();
        result.Changed.Should().BeFalse();
        result.Text.Should().Be(DigestFormatter.Format(source).Text);
    }

    [Fact]
    public void ToCanonical_FileWithoutEntries_IsNotConvertible()
    {
        var source = DigestSource.Parse(DigestParser.Default, "Just some prose.\n\n- a list\n- of words\n", "p.md");
        source.Document.Layout.Should().Be(DigestParser.UnrecognisedLayoutName);

        var result = DigestConverter.ToCanonical(source);

        result.IsFormattable.Should().BeFalse();
        result.Reason.Should().Contain("no entries");
        result.Text.Should().Be(source.Text);
    }

    /// <summary>Files with entries and without unreadable bytes or deep nesting (which are refused before conversion).</summary>
    private static bool HasSomethingToConvert(byte[] bytes)
    {
        var doc = DigestParser.Default.Parse(bytes);
        return doc.Entries.Count > 0 && !doc.Diagnostics.Any(d => d.Id is DiagnosticIds.InvalidUtf8 or DiagnosticIds.BinaryFile or DiagnosticIds.NestingTooDeep);
    }

    private static void AssertRoundTrip(byte[] bytes, string name)
    {
        var source = DigestSource.Parse(DigestParser.Default, bytes, name);
        var doc = source.Document;
        doc.Entries.Should().NotBeEmpty();

        var result = DigestConverter.ToCanonical(source);

        result.IsFormattable.Should().BeTrue($"{name}: {result.Reason}");
        var again = DigestParser.Default.Parse(result.Text, name);
        again.Layout.Should().Be("heading-link");
        again.Entries.Select(e => (e.Title, e.TranslatedTitle, e.Url, e.ArxivId))
            .Should().Equal(doc.Entries.Select(e => (e.Title, e.TranslatedTitle, e.Url, e.ArxivId)));
        for (var i = 0; i < doc.Entries.Count; i++)
        {
            var kept = again.Entries[i].Links.Select(l => l.Url).Append(again.Entries[i].Url).ToHashSet(StringComparer.Ordinal);
            doc.Entries[i].Links.Select(l => l.Url).Should().BeSubsetOf(kept, "entry {0} ('{1}') keeps its links", i, doc.Entries[i].Title);
            if (Squash(doc.Entries[i].Abstract) is { Length: > 0 } abstractText)
            {
                Squash(again.Entries[i].Abstract).Should().Contain(abstractText, "entry {0} ('{1}') keeps its abstract", i, doc.Entries[i].Title);
            }
        }

        var twice = DigestConverter.ToCanonical(DigestSource.Parse(DigestParser.Default, result.Text, name));
        twice.IsFormattable.Should().BeTrue(twice.Reason);
        twice.Changed.Should().BeFalse("converting a converted file changes nothing");
    }

    private static string Squash(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
