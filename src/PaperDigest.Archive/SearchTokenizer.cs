namespace PaperDigest.Archive;

/// <summary>How the full-text table of an index splits text into searchable terms. Chosen when the index is created.</summary>
public enum SearchTokenizer
{
    /// <summary>
    /// Words (FTS5 <c>unicode61</c> with Porter stemming) for alphabetic text, and overlapping pairs of characters for
    /// Chinese, Japanese and Korean runs, which have no spaces between words. The default: it ranks best on the real corpus
    /// (see docs/archive.md).
    /// </summary>
    WordsAndCjkBigrams = 0,

    /// <summary>FTS5's <c>trigram</c> tokenizer: every run of three characters is a term; finds any substring of three or more characters.</summary>
    Trigram = 1,
}
