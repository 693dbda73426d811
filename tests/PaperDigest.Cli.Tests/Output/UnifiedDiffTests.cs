using PaperDigest.Cli.Output;

namespace PaperDigest.Cli.Tests;

public class UnifiedDiffTests
{
    [Fact]
    public void Create_EqualTexts_IsEmpty()
        => UnifiedDiff.Create("f.md", "a\nb\n", "a\nb\n").Should().BeEmpty();

    [Fact]
    public void Create_ChangesFarApart_GiveTwoHunksWithThreeLinesOfContext()
    {
        var before = string.Join("", Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var after = before.Replace("\n2\n", "\ntwo\n", StringComparison.Ordinal).Replace("\n19\n", "\n", StringComparison.Ordinal);

        UnifiedDiff.Create("f.md", before, after).Should().Be(
            "--- a/f.md\n+++ b/f.md\n"
            + "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
            + "@@ -16,5 +16,4 @@\n 16\n 17\n 18\n-19\n 20\n");
    }

    [Fact]
    public void Create_MissingFinalNewline_IsMarked()
        => UnifiedDiff.Create("f.md", "a\nb", "a\nb\n").Should().Be(
            "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");

    [Fact]
    public void Create_FromEmpty_StartsAtLineZero()
        => UnifiedDiff.Create("f.md", "", "a\n").Should().Be("--- a/f.md\n+++ b/f.md\n@@ -0,0 +1 @@\n+a\n");
}
