using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Model;

namespace PaperDigest.Enrichment.Tests;

public sealed class ArxivOnlineChecksTests
{
    private static readonly SourceSpan Title = new(3, 5, 3, 20, 10, 25);
    private static readonly SourceSpan Link = new(3, 22, 3, 60, 27, 65);

    private static EnrichedEntry Entry(string title, ArxivResult result, string id = "2501.00001")
        => new(0, new DigestEntry { Title = title, ArxivId = ArxivId.Parse(id), TitleSpan = Title, LinkSpan = Link }, result, null);

    private static ArxivPaper Paper(string title, string? comment = null, int version = 1)
        => new() { Id = "2501.00001", Title = title, Comment = comment, Version = version };

    [Fact]
    public void Check_NotFound_ReportsPD0200OnTheLink()
    {
        var d = ArxivOnlineChecks.Check(Entry("T", new ArxivResult("2501.00001", ArxivLookupState.NotFound, Source: ArxivSource.Api)), "a.md", 0.9).Should().ContainSingle().Subject;

        d.Id.Should().Be("PD0200");
        d.Severity.Should().Be(DiagnosticSeverity.Error);
        d.Span.Should().Be(Link);
        d.ArxivId.Should().Be("2501.00001");
    }

    [Fact]
    public void Check_TitleBelowThreshold_ReportsPD0201OnTheTitle()
    {
        var result = new ArxivResult("2501.00001", ArxivLookupState.Found, Paper("Heat-bath random walks with Markov bases"), ArxivSource.Api);

        var d = ArxivOnlineChecks.Check(Entry("Attention Is All You Need", result), "a.md", 0.9).Should().ContainSingle().Subject;

        d.Id.Should().Be("PD0201");
        d.Span.Should().Be(Title);
    }

    [Fact]
    public void Check_MatchingTitle_ReportsNothing()
    {
        var result = new ArxivResult("2501.00001", ArxivLookupState.Found, Paper("Attention is all you need"), ArxivSource.Api);

        ArxivOnlineChecks.Check(Entry("Attention Is All You Need.", result), "a.md", 0.9).Should().BeEmpty();
    }

    [Fact]
    public void Check_WithdrawnComment_ReportsPD0202()
    {
        var result = new ArxivResult("2501.00001", ArxivLookupState.Found, Paper("T", "This paper has been withdrawn by the author due to an error"), ArxivSource.Api);

        ArxivOnlineChecks.Check(Entry("T", result), "a.md", 0.9).Select(d => d.Id).Should().Equal("PD0202");
    }

    [Fact]
    public void Check_FailedLookup_ReportsPD0203AsInfo()
        => ArxivOnlineChecks.Check(Entry("T", new ArxivResult("2501.00001", ArxivLookupState.Failed, Reason: "offline")), null, 0.9)
            .Should().ContainSingle().Which.Severity.Should().Be(DiagnosticSeverity.Info);

    [Fact]
    public void Check_CitedVersionNewerThanArxivs_ReportsPD0204()
    {
        var result = new ArxivResult("2501.00001", ArxivLookupState.Found, Paper("T", version: 2), ArxivSource.Api);

        ArxivOnlineChecks.Check(Entry("T", result, "2501.00001v3"), null, 0.9).Select(d => d.Id).Should().Equal("PD0204");
    }
}
