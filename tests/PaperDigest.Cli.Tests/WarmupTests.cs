using PaperDigest.Model;

namespace PaperDigest.Cli.Tests;

/// <summary>
/// The start-up warm-up only helps if its sample keeps going through the code a real file takes: both entries, their
/// arXiv identifiers, a bare GitHub link and a project link, and no errors.
/// </summary>
public sealed class WarmupTests
{
    [Fact]
    public void Run_Sample_ReadsLikeARealDigest()
    {
        var doc = Warmup.Run();

        doc.Should().NotBeNull();
        doc!.Layout.Should().Be("heading-link");
        doc.Entries.Select(e => e.ArxivId?.Value).Should().Equal("2502.00001", "2502.00002");
        doc.Entries[0].Links.Select(l => l.Kind).Should().Contain([LinkKind.GitHubRepository, LinkKind.Other]);
        doc.Diagnostics.Should().NotContain(d => d.Severity == DiagnosticSeverity.Error);
    }
}
