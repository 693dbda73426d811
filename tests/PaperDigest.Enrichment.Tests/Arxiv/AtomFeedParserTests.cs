using System.Text;
using PaperDigest.Enrichment.Arxiv;
using PaperDigest.Enrichment.Tests.Infrastructure;

namespace PaperDigest.Enrichment.Tests.Arxiv;

public sealed class AtomFeedParserTests
{
    private static AtomFeed Parse(string fixture)
    {
        AtomFeedParser.TryParse(Fixtures.Bytes(fixture), 1 << 24, out var feed, out var error).Should().BeTrue(error);
        return feed!;
    }

    [Fact]
    public void Parse_OldStyleIdWithAffiliations_ReadsEveryField()
    {
        var feed = Parse("api-2026-idlist-astro-ph_0601001-affiliation-journalref.xml");

        var p = feed.Papers.Should().ContainSingle().Subject;
        p.Id.Should().Be("astro-ph/0601001");
        p.Version.Should().Be(1);
        p.Title.Should().StartWith("Frequency of Hot Jupiters");
        p.Abstract.Should().StartWith("We derive the frequencies", "leading spaces are trimmed");
        p.Abstract.Should().Contain("V_max<17.5");
        p.Authors.Should().HaveCount(4);
        p.Authors[2].Name.Should().Be("B. Scott Gaudi");
        p.Authors[2].Affiliations.Should().Equal("CfA");
        p.PrimaryCategory.Should().Be("astro-ph");
        p.JournalReference.Should().Be("ActaAstron.56:1-50,2006");
        p.Comment.Should().StartWith("62 pages");
        p.Published.Should().Be(new DateTimeOffset(2006, 1, 2, 14, 57, 58, TimeSpan.Zero));
        p.AbsUrl.Should().Be("https://arxiv.org/abs/astro-ph/0601001v1");
        p.PdfUrl.Should().Be("https://arxiv.org/pdf/astro-ph/0601001v1");
        feed.TotalResults.Should().Be(1);
    }

    [Fact]
    public void Parse_BatchWithNonAsciiAuthor_DecodesUtf8FromTheBytes()
    {
        var feed = Parse("api-2026-idlist-batch-one-nonexistent-0808.05394_1707.08567.xml");

        feed.Papers.Should().ContainSingle().Which.Authors.Should().HaveCount(34).And.Contain(a => a.Name == "Dirk Wübben");
    }

    [Fact]
    public void Parse_SearchFeed_ReadsDoiCommentJournalAndRevisedVersion()
    {
        var feed = Parse("api-2026-search-all-testing-trimmed-3-of-100.xml");

        feed.Papers.Should().HaveCount(3);
        var withDoi = feed.Papers.Single(p => p.Id == "2202.12139");
        withDoi.Dois.Should().ContainSingle();
        withDoi.JournalReference.Should().NotBeNull();
        var revised = feed.Papers.Single(p => p.Id == "2206.10210");
        revised.Version.Should().Be(5);
        revised.Updated.Should().NotBe(revised.Published);
        revised.Abstract.Should().NotContain("\n").And.NotContain("  ");
    }

    [Fact]
    public void Parse_Legacy2019Feed_ReadsItByElementName()
    {
        var feed = Parse("api-2019-oldformat-search-all-science-trimmed-4-of-10.xml");

        feed.Papers.Select(p => p.Id).Should().Equal("1501.05039", "1503.01162", "1802.03292", "physics/0507092");
        feed.Papers.Should().OnlyContain(p => p.Title.Length > 0 && !p.Title.Contains('\n') && p.Authors.Count > 0);
    }

    [Fact]
    public void Parse_PaperTitledZero_KeepsTheTitle()
        => Parse("api-2026-idlist-2104.12255v1-title-zero.xml").Papers.Single().Title.Should().Be("0");

    [Fact]
    public void Parse_ErrorFeed_ReportsTheErrorEntryNotAPaper()
    {
        var feed = Parse("api-2026-idlist-abc-malformed-400-error.xml");

        feed.Papers.Should().BeEmpty();
        feed.Errors.Should().Equal("incorrect id format for abc");
    }

    [Fact]
    public void Parse_EmptyFeed_HasNoPapers()
        => Parse("api-2026-idlist-0000.0000-nonexistent-200-empty.xml").Papers.Should().BeEmpty();

    [Fact]
    public void Parse_DoctypeWithEntities_IsRejected()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x \"xxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&y;</title></feed>";

        AtomFeedParser.TryParse(Encoding.UTF8.GetBytes(xml), 1 << 20, out var feed, out var error).Should().BeFalse();
        feed.Should().BeNull();
        error.Should().Contain("DTD");
    }

    [Fact]
    public void Parse_ExternalEntity_IsRejectedWithoutResolving()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY ext SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&ext;</title></feed>";

        AtomFeedParser.TryParse(Encoding.UTF8.GetBytes(xml), 1 << 20, out _, out var error).Should().BeFalse();
        error.Should().NotContain("root:");
    }

    [Fact]
    public void Parse_DocumentLargerThanTheLimit_IsRejected()
        => AtomFeedParser.TryParse(Fixtures.Bytes("api-2026-search-all-testing-trimmed-3-of-100.xml"), 1000, out _, out _).Should().BeFalse();

    [Fact]
    public void Parse_NotXml_IsRejected()
    {
        AtomFeedParser.TryParse(Encoding.UTF8.GetBytes("<html><body>Rate exceeded"), 1 << 20, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }
}
