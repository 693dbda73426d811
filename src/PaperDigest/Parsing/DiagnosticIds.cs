namespace PaperDigest.Parsing;

/// <summary>The stable identifiers of the diagnostics the parser reports. See <c>docs/rules.md</c>.</summary>
public static class DiagnosticIds
{
    /// <summary>An entry heading with no paper-link paragraph after it.</summary>
    public const string MissingPaperLink = "PD0001";

    /// <summary>The paper link is not an arXiv link (or a page that names an arXiv identifier).</summary>
    public const string NotArxivLink = "PD0002";

    /// <summary>An arXiv link whose identifier is malformed.</summary>
    public const string MalformedArxivId = "PD0003";

    /// <summary>An entry heading with no text.</summary>
    public const string EmptyTitle = "PD0004";

    /// <summary>A paper link with no text (no translated title).</summary>
    public const string EmptyTranslatedTitle = "PD0005";

    /// <summary>An entry with no abstract.</summary>
    public const string EmptyAbstract = "PD0006";

    /// <summary>A broken URL (<c>github. com</c>, <c>https: //</c>) that was repaired.</summary>
    public const string RepairedUrl = "PD0007";

    /// <summary>Content between entries, or after the paper link, that belongs to no field.</summary>
    public const string StrayContent = "PD0008";

    /// <summary>The same arXiv identifier twice in one file.</summary>
    public const string DuplicateArxivIdInFile = "PD0009";

    /// <summary>Bytes that are not valid UTF-8.</summary>
    public const string InvalidUtf8 = "PD0010";

    /// <summary>A binary file (NUL bytes).</summary>
    public const string BinaryFile = "PD0011";

    /// <summary>A file with no entries.</summary>
    public const string NoEntries = "PD0012";

    /// <summary>Markdown nested too deeply (blockquotes, lists, brackets) to be read as structure; read as plain text.</summary>
    public const string NestingTooDeep = "PD0013";

    /// <summary>A link whose target is empty, such as <c>[Title]()</c> or <c>[]()</c>.</summary>
    public const string EmptyLink = "PD0014";

    /// <summary>No layout recognises the file: it is not read as a digest.</summary>
    public const string UnrecognisedLayout = "PD0015";

    /// <summary>An unfilled template placeholder (an empty labelled field such as <c>**论文链接：** []()</c>, or <c>{title}</c>).</summary>
    public const string TemplatePlaceholder = "PD0016";

    /// <summary>Zero-width spaces (or joiners, BOMs) inside an entry; removed from titles.</summary>
    public const string ZeroWidthSpace = "PD0017";

    /// <summary>A title hard-wrapped over several source lines; read as one line.</summary>
    public const string TitleWrapped = "PD0018";

    /// <summary>A link whose text is only a badge image, so it carries no title.</summary>
    public const string BadgeLinkText = "PD0019";

    /// <summary>A code link that points at a paper (arXiv) rather than code.</summary>
    public const string CodeLinkIsPaper = "PD0020";

    /// <summary>Text meant as a Markdown link that is not one (<c>[Title]{(URL)</c>, spaces in the target); read as title and target.</summary>
    public const string MalformedLink = "PD0021";

    /// <summary>An entry number written before the title (<c>## 1. Title</c>); it is not part of the title.</summary>
    public const string NumberedTitle = "PD0022";

    /// <summary>An arXiv identifier named in the file is neither an entry's paper nor a link in an entry (info).</summary>
    public const string UnaccountedArxivId = "PD0023";
}
