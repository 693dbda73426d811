namespace PaperDigest.Parsing;

/// <summary>
/// A digest layout: how entries are laid out in a file and how their fields are read. The parser parses the Markdown
/// once, asks every layout how well it recognises the file, and lets the best one read the entries.
/// </summary>
internal interface IDigestLayout
{
    /// <summary>The stable name of the layout (kebab-case), used by <c>--layout</c> and reported on documents.</summary>
    string Name { get; }

    /// <summary>A one-line description of the layout.</summary>
    string Description { get; }

    /// <summary>How well this layout recognises the document: 0 for not at all, otherwise about the number of entries it would read.</summary>
    /// <param name="context">The parsed document.</param>
    /// <returns>The score; the highest score wins.</returns>
    double Detect(DigestReadContext context);

    /// <summary>Reads the preamble and the entries, reporting problems through <paramref name="context"/>.</summary>
    /// <param name="context">The parsed document, where entries and diagnostics are added.</param>
    void Read(DigestReadContext context);
}
