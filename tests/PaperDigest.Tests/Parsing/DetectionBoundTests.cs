using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Parsing;

/// <summary>
/// Detection skips a layout whose bound cannot beat the best score so far; that is exact only if every bound really is
/// at least the score. Checked on every Markdown input the tests hold, the seed and every real file.
/// </summary>
public sealed class DetectionBoundTests
{
    public static IEnumerable<string> Inputs()
    {
        foreach (var path in Directory.EnumerateFiles(SharedFiles.RepoRoot, "*.md", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || path.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                yield return path;
            }
        }

        // The seed and the vendored real files are under tests/ already; the opt-in ones are added when present.
        foreach (var path in SharedFiles.RealFiles().Where(p => !p.StartsWith(SharedFiles.RepoRoot, StringComparison.Ordinal)))
        {
            yield return path;
        }
    }

    [Fact]
    public void MaxScore_EveryInput_IsAtLeastTheDetectedScore()
    {
        var checkedBounds = 0;
        foreach (var path in Inputs().Where(p => !p.Contains("bin", StringComparison.Ordinal) && !p.Contains("obj", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(path);
            var markdown = DigestParser.ParseMarkdown(text);
            var context = new DigestReadContext(path, new SourceText(text), markdown, []);
            var shape = DocumentShape.Of(markdown);
            foreach (var layout in DigestLayouts.All)
            {
                if (layout is IDetectionBound bound)
                {
                    var score = layout.Detect(context);
                    bound.MaxScore(shape).Should().BeGreaterThanOrEqualTo(score, "the bound of {0} on {1}", layout.Name, Path.GetFileName(path));
                    checkedBounds += score > 0 ? 1 : 0;
                }
            }
        }

        checkedBounds.Should().BeGreaterThan(20, "the inputs exercise the bounded layouts");
    }

    [Fact]
    public void Parse_Seed_SkipsTheLayoutsThatCannotWin()
    {
        var text = File.ReadAllText(SharedFiles.SeedPath);
        var markdown = DigestParser.ParseMarkdown(text);
        var shape = DocumentShape.Of(markdown);
        var context = new DigestReadContext(null, new SourceText(text), markdown, []);
        var canonical = DigestLayouts.All[0].Detect(context);

        var skipped = DigestLayouts.All.Skip(1).OfType<IDetectionBound>().Count(b => b.MaxScore(shape) <= canonical);

        skipped.Should().Be(DigestLayouts.All.Count - 1, "on the seed (no lists, tables, HTML or bold lines, one link per entry) every other layout is bounded below the canonical score");
        DigestParser.Default.Parse(text).Layout.Should().Be("heading-link");
    }
}
