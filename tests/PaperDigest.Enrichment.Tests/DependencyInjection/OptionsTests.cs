using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperDigest.Enrichment.DependencyInjection;

namespace PaperDigest.Enrichment.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void AddPaperDigestEnrichment_InvalidOptions_ThrowsOnceListingEveryProblem()
    {
        var services = new ServiceCollection();

        var act = () => services.AddPaperDigestEnrichment(o =>
        {
            o.Arxiv.BatchSize = 0;
            o.Arxiv.MinRequestInterval = TimeSpan.FromSeconds(1);
            o.TitleMatchThreshold = 2;
        });

        var ex = act.Should().Throw<OptionsValidationException>().Which;
        ex.Failures.Should().HaveCount(3);
        ex.Message.Should().Contain("BatchSize").And.Contain("at least 3 seconds against arxiv.org").And.Contain("TitleMatchThreshold");
    }

    [Fact]
    public void Validate_ShortIntervalAgainstAnotherHost_IsAllowed()
    {
        var o = new PaperDigestEnrichmentOptions();
        o.Arxiv.ApiUrl = new Uri("http://127.0.0.1:5000/api/query");
        o.Arxiv.AbsPageUrl = new Uri("http://127.0.0.1:5000/abs/");
        o.Arxiv.MinRequestInterval = TimeSpan.FromMilliseconds(10);

        o.Validate().Should().BeEmpty();
    }

    [Fact]
    public void Defaults_AreValidAndPolite()
    {
        var o = new PaperDigestEnrichmentOptions();

        o.Validate().Should().BeEmpty();
        o.Arxiv.BatchSize.Should().Be(100);
        o.Arxiv.MinRequestInterval.Should().Be(TimeSpan.FromSeconds(3));
        o.Arxiv.MetadataTimeToLive.Should().Be(TimeSpan.FromDays(7));
        o.Arxiv.MissingTimeToLive.Should().Be(TimeSpan.FromDays(1));
        o.UserAgent.Should().StartWith("PaperDigest/").And.Contain(PaperDigestEnrichmentOptions.ProjectUrl);
    }
}
