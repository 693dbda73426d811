using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PaperDigest.Enrichment.Arxiv;

namespace PaperDigest.Cli.Output;

/// <summary>
/// Writes papers as CSL-JSON (the Citation Style Language's data format, read by Zotero, pandoc's citeproc and most
/// reference managers): one array of items of type <c>article</c> (a preprint) with <c>title</c>, <c>author</c>,
/// <c>issued</c>, <c>URL</c>, <c>DOI</c>, <c>number</c> (<c>arXiv:ID</c>), <c>publisher</c> (arXiv) and the abstract.
/// Item ids are the BibTeX keys, so a bibliography cites the same keys in either format.
/// </summary>
internal sealed class CslJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly BibtexWriter _keys = new();

    /// <summary>The whole array for papers in order.</summary>
    public string Write(IEnumerable<ArxivPaper> papers)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartArray();
            foreach (var paper in papers)
            {
                WriteItem(json, paper);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private void WriteItem(Utf8JsonWriter json, ArxivPaper paper)
    {
        var date = paper.Published ?? paper.Updated;
        json.WriteStartObject();
        json.WriteString("id", _keys.Key(paper));
        json.WriteString("type", "article");
        json.WriteString("title", paper.Title);
        json.WriteStartArray("author");
        foreach (var author in paper.Authors)
        {
            json.WriteStartObject();
            var parts = author.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !author.Name.Any(char.IsAsciiLetter))
            {
                // One word, or a name in a script with no given/family split written by spaces: kept as written.
                json.WriteString("literal", author.Name);
            }
            else
            {
                json.WriteString("family", parts[^1]);
                json.WriteString("given", string.Join(' ', parts[..^1]));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (date is { } d)
        {
            json.WriteStartObject("issued");
            json.WriteStartArray("date-parts");
            json.WriteStartArray();
            json.WriteNumberValue(d.Year);
            json.WriteNumberValue(d.Month);
            json.WriteNumberValue(d.Day);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteString("URL", $"https://arxiv.org/abs/{paper.Id}");
        if (paper.Dois.Count > 0)
        {
            json.WriteString("DOI", paper.Dois[0]);
        }

        json.WriteString("number", "arXiv:" + paper.Id);
        json.WriteString("publisher", "arXiv");
        if (paper.Abstract.Length > 0)
        {
            json.WriteString("abstract", paper.Abstract);
        }

        if (paper.PrimaryCategory is { Length: > 0 } category)
        {
            json.WriteString("keyword", category);
        }

        json.WriteString("note", "arXiv:" + paper.Id + (paper.Version is { } v ? "v" + v.ToString(CultureInfo.InvariantCulture) : ""));
        json.WriteEndObject();
    }
}
