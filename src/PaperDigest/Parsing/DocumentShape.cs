using Markdig.Syntax;
using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Parsing;

/// <summary>
/// Counts of the top-level blocks that can start an entry in some layout, taken in one cheap pass: enough for a layout
/// to say the most it could score (<see cref="IDetectionBound"/>), so that detection skips the layouts that cannot win.
/// </summary>
internal sealed class DocumentShape
{
    private readonly int[] _headings = new int[7];

    private DocumentShape()
    {
    }

    /// <summary>Paragraphs whose only content is one strong emphasis (a bold title line).</summary>
    public int SoleStrongParagraphs { get; private set; }

    /// <summary>Paragraphs and setext headings whose first content is a link that is not an image.</summary>
    public int LinkLedLeaves { get; private set; }

    /// <summary>The items of the top-level lists.</summary>
    public int ListItems { get; private set; }

    /// <summary>The rows of the top-level tables (header rows included).</summary>
    public int TableRows { get; private set; }

    /// <summary>The top-level HTML blocks.</summary>
    public int HtmlBlocks { get; private set; }

    /// <summary>
    /// A bound with room for rounding: scores are sums of tenths, which binary floating point does not add exactly, so a
    /// bound computed by multiplication may come out a hair below the sum it bounds.
    /// </summary>
    public static double Bound(double exact) => (exact * (1 + 1e-9)) + 1e-9;

    /// <summary>The number of headings of a level (1 to 6).</summary>
    public int Headings(int level) => level is >= 1 and <= 6 ? _headings[level] : 0;

    public static DocumentShape Of(MarkdownDocument document)
    {
        var shape = new DocumentShape();
        for (var i = 0; i < document.Count; i++)
        {
            switch (document[i])
            {
                case HeadingBlock h:
                    shape._headings[Math.Clamp(h.Level, 0, 6)]++;
                    if (h.IsSetext && LayoutSupport.LeadingLink(h) is not null)
                    {
                        shape.LinkLedLeaves++;
                    }

                    break;
                case ListBlock list:
                    shape.ListItems += list.Count;
                    break;
                case Markdig.Extensions.Tables.Table table:
                    shape.TableRows += table.Count;
                    break;
                case HtmlBlock:
                    shape.HtmlBlocks++;
                    break;
                case ParagraphBlock p:
                    if (LayoutSupport.LeadingLink(p) is not null)
                    {
                        shape.LinkLedLeaves++;
                    }
                    else if (LayoutSupport.SoleStrong(p) is not null)
                    {
                        shape.SoleStrongParagraphs++;
                    }

                    break;
            }
        }

        return shape;
    }
}

/// <summary>
/// A layout that can bound its own detection score from the <see cref="DocumentShape"/>: the parser does not run the
/// detection of a layout whose bound cannot beat the best score so far.
/// </summary>
internal interface IDetectionBound
{
    /// <summary>The highest score <see cref="IDigestLayout.Detect"/> could give a document of this shape.</summary>
    double MaxScore(DocumentShape shape);
}
