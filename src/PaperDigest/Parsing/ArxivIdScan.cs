using System.Text.RegularExpressions;

namespace PaperDigest.Parsing;

/// <summary>
/// A plain scan of a document's text for every arXiv identifier it names, wherever it stands: arXiv URLs of every form
/// (abs, pdf, html; http, https, no scheme; www., export.), paper pages that name an identifier (Hugging Face papers,
/// alphaXiv), the textual form arXiv recommends (<c>arXiv:2502.02061</c>, also <c>arXiv 2502.02061</c>) and
/// <c>data-arxiv-id</c> attributes. It knows nothing of Markdown: it is the evidence entries are found from and the list
/// every identifier must be accounted against.
/// </summary>
internal static partial class ArxivIdScan
{
    /// <summary>One identifier found in the text.</summary>
    /// <param name="Offset">The offset of the identifier in the text.</param>
    /// <param name="Length">The length of the identifier as written (with its version, if any).</param>
    /// <param name="Id">The identifier without version.</param>
    /// <param name="Textual">Whether it was written as text (<c>arXiv:ID</c>, a data attribute) rather than in a URL.</param>
    internal readonly record struct Hit(int Offset, int Length, string Id, bool Textual);

    [GeneratedRegex(
        @"(?:(?<url>arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|hf\.co/papers/|alphaxiv\.org/(?:abs|overview)/)|(?<text>\barxiv(?:\s?id)?\**\s?[:：]?\s?\**\s?|(?:论文|論文|논문|paper\s?)\s?id\**\s?[:：]\s?\**\s?|data-arxiv-id=[""']))(?<id>\d{4}\.\d{4,5}|[a-z][a-z.-]{1,15}/\d{7})(?<v>v\d+)?(?![\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    /// <summary>Every identifier in <paramref name="text"/>, in order.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hits.</returns>
    public static List<Hit> Find(string text)
    {
        var hits = new List<Hit>();
        if (text.AsSpan().IndexOf("arxiv", StringComparison.OrdinalIgnoreCase) < 0 && text.AsSpan().IndexOf("papers/", StringComparison.Ordinal) < 0)
        {
            return hits;
        }

        foreach (Match m in Pattern().Matches(text))
        {
            var id = m.Groups["id"];
            var v = m.Groups["v"];
            if (PaperDigest.Model.ArxivId.TryParse(id.ValueSpan, out var parsed))
            {
                hits.Add(new Hit(id.Index, id.Length + (v.Success ? v.Length : 0), parsed.Value, !m.Groups["url"].Success));
            }
        }

        return hits;
    }

}
