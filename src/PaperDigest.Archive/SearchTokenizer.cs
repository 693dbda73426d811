namespace PaperDigest.Archive;

/// <summary>How the full-text table of an index splits text into searchable terms. Chosen when the index is created.</summary>
public enum SearchTokenizer
{
    /// <summary>
    /// Words (FTS5 <c>unicode61</c> with Porter stemming) for alphabetic text, and each character a term of its own for
    /// Chinese, Japanese and Korean, which have no spaces between words (a CJK query is a phrase of its characters). The
    /// default: it ranks better than trigrams on the real corpus and indexes faster (see docs/archive.md).
    /// </summary>
    WordsAndCjkCharacters = 0,

    /// <summary>FTS5's <c>trigram</c> tokenizer: every run of three characters is a term; finds any substring of three or more characters.</summary>
    Trigram = 1,
}
