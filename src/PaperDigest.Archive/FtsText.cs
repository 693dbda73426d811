using PaperDigest.Model;

namespace PaperDigest.Archive;

/// <summary>What the full-text table holds for an entry, and how query text is turned into the same terms.</summary>
internal static class FtsText
{
    public static (string Title, string Abstract) For(DigestEntry entry, SearchTokenizer tokenizer)
    {
        var title = entry.TranslatedTitle.Length == 0 ? entry.Title : entry.Title + "\n" + entry.TranslatedTitle;
        return tokenizer == SearchTokenizer.Trigram ? (title, entry.Abstract) : (CjkText.Spaced(title), CjkText.Spaced(entry.Abstract));
    }
}
