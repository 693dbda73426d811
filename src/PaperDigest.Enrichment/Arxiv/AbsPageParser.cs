using System.Globalization;
using AngleSharp.Html.Parser;
using PaperDigest.Model;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>
/// Reads a paper from an arXiv abstract page (<c>https://arxiv.org/abs/ID</c>) by its Google Scholar meta tags
/// (<c>citation_title</c>, <c>citation_author</c>, <c>citation_date</c>, <c>citation_online_date</c>, <c>citation_doi</c>,
/// <c>citation_pdf_url</c>, <c>citation_arxiv_id</c>), <c>og:description</c> and the primary subject.
/// </summary>
internal static class AbsPageParser
{
    /// <summary>Parses a page; a page without a title or identifier yields <see langword="null"/> and the reason.</summary>
    public static ArxivPaper? TryParse(byte[] bytes, string requestedId, string absUrl, out string? error)
    {
        error = null;
        var parser = new HtmlParser();
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = parser.ParseDocument(stream);

        string? Meta(string name) => doc.QuerySelector($"meta[name='{name}']")?.GetAttribute("content")
            ?? doc.QuerySelector($"meta[property='{name}']")?.GetAttribute("content");
        IEnumerable<string> MetaAll(string name) => doc.QuerySelectorAll($"meta[name='{name}']")
            .Select(m => m.GetAttribute("content")).OfType<string>().Select(TextNormalizer.Collapse).Where(s => s.Length > 0);

        var title = TextNormalizer.CollapseOrNull(Meta("citation_title"));
        var idText = Meta("citation_arxiv_id") ?? requestedId;
        if (title is null || !ArxivId.TryParse(idText, out var id))
        {
            error = "the abstract page has no citation_title or citation_arxiv_id";
            return null;
        }

        var primarySubject = TextNormalizer.CollapseOrNull(doc.QuerySelector(".primary-subject")?.TextContent);
        string? primary = null;
        if (primarySubject is not null)
        {
            var open = primarySubject.LastIndexOf('(');
            var close = primarySubject.LastIndexOf(')');
            primary = open >= 0 && close > open ? primarySubject[(open + 1)..close].Trim() : primarySubject;
        }

        var comment = TextNormalizer.CollapseOrNull(doc.QuerySelector("td.comments")?.TextContent);
        var dois = MetaAll("citation_doi").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new ArxivPaper
        {
            Id = id.Value,
            Version = id.Version,
            Title = title,
            Authors = MetaAll("citation_author").Select(a => new ArxivAuthor(ScholarName(a), [])).ToList(),
            Abstract = TextNormalizer.Collapse(Meta("citation_abstract") ?? Meta("og:description")),
            Published = ParseDate(Meta("citation_date")),
            Updated = ParseDate(Meta("citation_online_date")) ?? ParseDate(Meta("citation_date")),
            PrimaryCategory = primary,
            Categories = primary is null ? [] : [primary],
            Comment = comment,
            Dois = dois,
            AbsUrl = absUrl,
            PdfUrl = Meta("citation_pdf_url") ?? $"https://arxiv.org/pdf/{id.Value}",
        };
    }

    /// <summary>Turns <c>Last, First</c> into <c>First Last</c>, as the API writes names.</summary>
    private static string ScholarName(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && comma < name.Length - 1 ? $"{name[(comma + 1)..].Trim()} {name[..comma].Trim()}" : name;
    }

    private static DateTimeOffset? ParseDate(string? text)
        => text is not null && DateTimeOffset.TryParseExact(text.Trim(), ["yyyy/MM/dd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? d : null;
}
