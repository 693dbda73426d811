using System.Globalization;
using System.Xml;
using PaperDigest.Model;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>An arXiv API answer: the papers and any <c>Error</c> entries.</summary>
/// <param name="Papers">The papers, in feed order.</param>
/// <param name="Errors">The summaries of the error entries (a malformed identifier, for instance).</param>
/// <param name="TotalResults">The feed's <c>opensearch:totalResults</c>, when present.</param>
internal sealed record AtomFeed(IReadOnlyList<ArxivPaper> Papers, IReadOnlyList<string> Errors, int? TotalResults);

/// <summary>
/// Reads arXiv API Atom feeds by element name and namespace (never by position), from the bytes (the XML declaration
/// decides the encoding, UTF-8 by default), with DTDs prohibited, no resolver and a size limit.
/// </summary>
internal static class AtomFeedParser
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ArxivNs = "http://arxiv.org/schemas/atom";
    private const string OpenSearchNs = "http://a9.com/-/spec/opensearch/1.1/";

    /// <summary>Parses a feed; a malformed or unsafe document yields <see langword="false"/> and the reason.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, long maxCharacters, out AtomFeed? feed, out string? error)
    {
        feed = null;
        error = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            Async = false,
        };

        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            var papers = new List<ArxivPaper>();
            var errors = new List<string>();
            int? total = null;
            var sawFeed = false;
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if (reader.Depth == 0)
                {
                    if (reader.LocalName != "feed" || reader.NamespaceURI != AtomNs)
                    {
                        error = $"the document is not an Atom feed (root element '{reader.Name}')";
                        return false;
                    }

                    sawFeed = true;
                    reader.Read();
                    continue;
                }

                if (reader.Depth == 1 && reader.NamespaceURI == OpenSearchNs && reader.LocalName == "totalResults")
                {
                    total = int.TryParse(reader.ReadElementContentAsString().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
                    continue;
                }

                if (reader.Depth == 1 && reader.NamespaceURI == AtomNs && reader.LocalName == "entry")
                {
                    using (var sub = reader.ReadSubtree())
                    {
                        ReadEntry(sub, papers, errors);
                    }

                    reader.Read();
                    continue;
                }

                reader.Read();
            }

            if (!sawFeed)
            {
                error = "the document is empty";
                return false;
            }

            feed = new AtomFeed(papers, errors, total);
            return true;
        }
        catch (XmlException ex)
        {
            error = $"invalid XML: {ex.Message}";
            return false;
        }
    }

    private static void ReadEntry(XmlReader r, List<ArxivPaper> papers, List<string> errors)
    {
        string? id = null, title = null, summary = null, comment = null, journal = null, primary = null, absUrl = null, pdfUrl = null;
        DateTimeOffset? published = null, updated = null;
        var categories = new List<string>();
        var dois = new List<string>();
        var authors = new List<ArxivAuthor>();

        r.Read(); // the entry element itself
        r.Read();
        while (!r.EOF)
        {
            if (r.NodeType != XmlNodeType.Element || r.Depth != 1)
            {
                r.Read();
                continue;
            }

            var ns = r.NamespaceURI;
            var name = r.LocalName;
            if (ns == AtomNs)
            {
                switch (name)
                {
                    case "id": id = r.ReadElementContentAsString().Trim(); continue;
                    case "title": title = TextNormalizer.Collapse(r.ReadElementContentAsString()); continue;
                    case "summary": summary = TextNormalizer.Collapse(r.ReadElementContentAsString()); continue;
                    case "published": published = ParseDate(r.ReadElementContentAsString()); continue;
                    case "updated": updated = ParseDate(r.ReadElementContentAsString()); continue;
                    case "category":
                        if (r.GetAttribute("term") is { Length: > 0 } term && !categories.Contains(term))
                        {
                            categories.Add(term.Trim());
                        }

                        break;
                    case "link":
                        ReadLink(r, ref absUrl, ref pdfUrl, dois);
                        break;
                    case "author":
                        using (var sub = r.ReadSubtree())
                        {
                            authors.Add(ReadAuthor(sub));
                        }

                        break;
                    default:
                        break;
                }
            }
            else if (ns == ArxivNs)
            {
                switch (name)
                {
                    case "comment": comment = TextNormalizer.CollapseOrNull(r.ReadElementContentAsString()); continue;
                    case "journal_ref": journal = TextNormalizer.CollapseOrNull(r.ReadElementContentAsString()); continue;
                    case "doi":
                        foreach (var d in r.ReadElementContentAsString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                        {
                            AddDoi(dois, d);
                        }

                        continue;
                    case "primary_category": primary = r.GetAttribute("term")?.Trim(); break;
                    default: break;
                }
            }

            r.Read();
        }

        if (id is not null && (id.Contains("/api/errors", StringComparison.Ordinal) || (title == "Error" && !id.Contains("/abs/", StringComparison.Ordinal))))
        {
            errors.Add(summary ?? "error");
            return;
        }

        var abs = id?.IndexOf("/abs/", StringComparison.Ordinal) ?? -1;
        if (id is null || abs < 0 || !ArxivId.TryParse(id[(abs + 5)..], out var arxivId))
        {
            errors.Add($"entry with an unreadable id '{id}'");
            return;
        }

        if (primary is not null)
        {
            categories.Remove(primary);
            categories.Insert(0, primary);
        }

        papers.Add(new ArxivPaper
        {
            Id = arxivId.Value,
            Version = arxivId.Version,
            Title = title ?? "",
            Authors = authors,
            Abstract = summary ?? "",
            Published = published,
            Updated = updated,
            PrimaryCategory = primary ?? categories.FirstOrDefault(),
            Categories = categories,
            Comment = comment,
            JournalReference = journal,
            Dois = dois,
            AbsUrl = absUrl ?? $"https://arxiv.org/abs/{arxivId}",
            PdfUrl = pdfUrl ?? $"https://arxiv.org/pdf/{arxivId}",
        });
    }

    private static void ReadLink(XmlReader r, ref string? absUrl, ref string? pdfUrl, List<string> dois)
    {
        var href = r.GetAttribute("href");
        if (string.IsNullOrEmpty(href))
        {
            return;
        }

        var rel = r.GetAttribute("rel");
        var type = r.GetAttribute("type");
        var title = r.GetAttribute("title");
        if (title == "doi")
        {
            var i = href.IndexOf("10.", StringComparison.Ordinal);
            if (i >= 0)
            {
                AddDoi(dois, Uri.UnescapeDataString(href[i..]));
            }
        }
        else if (title == "pdf" || type == "application/pdf")
        {
            pdfUrl ??= href;
        }
        else if (rel == "alternate")
        {
            absUrl ??= href;
        }
    }

    private static ArxivAuthor ReadAuthor(XmlReader r)
    {
        string name = "";
        var affiliations = new List<string>();
        r.Read();
        r.Read();
        while (!r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element && r.Depth == 1)
            {
                if (r.NamespaceURI == AtomNs && r.LocalName == "name")
                {
                    name = TextNormalizer.Collapse(r.ReadElementContentAsString());
                    continue;
                }

                if (r.NamespaceURI == ArxivNs && r.LocalName == "affiliation")
                {
                    if (TextNormalizer.CollapseOrNull(r.ReadElementContentAsString()) is { } a)
                    {
                        affiliations.Add(a);
                    }

                    continue;
                }
            }

            r.Read();
        }

        return new ArxivAuthor(name, affiliations);
    }

    private static void AddDoi(List<string> dois, string doi)
    {
        doi = doi.Trim();
        if (doi.Length > 0 && !dois.Contains(doi, StringComparer.OrdinalIgnoreCase))
        {
            dois.Add(doi);
        }
    }

    private static DateTimeOffset? ParseDate(string text)
        => DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
}
