using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing.Layouts;

/// <summary>
/// The generic reading: no generator's labels, only evidence any digest has. The entry is the unit that repeats and
/// carries the document's paper links (headings of one level, list items, table rows, paragraphs led by a link or a bold
/// title, runs between rules), chosen per region by how many distinct arXiv identifiers it accounts for; the paper link is
/// the title's link, else the entry's most named identifier; titles are told apart by script. See docs/format.md.
/// </summary>
internal sealed partial class GenericLayout : IDigestLayout, IDetectionBound
{
    /// <summary>HTML classes of an element that holds the abstract (<c>card-tldr</c>, <c>abstract</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("tldr|abstract|summary|desc|excerpt|intro", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AbstractClass();

    /// <summary>HTML classes of an element that holds metadata, never a title (<c>card-authors</c>, <c>tag-pill</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("author|meta|venue|tag|badge|stat|date|label|rank|score|num|btn|button", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MetadataClass();

    /// <summary>
    /// A line led by an identifier in code or brackets, a dash, then an emphasised title (<c>`2401.00001` — *Title* (2024-01-02). Notes…</c>):
    /// the emphasis delimits the title from the prose after it.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[`\[(]?(?:arxiv[:：]?\s*)?\d{4}\.\d{4,5}(?:v\d+)?[`\])]?\s*[—–\-:：|]\s*(?<e>\*\*?|__?)(?<t>[^*_`]{2,300}?)\k<e>(?![*_])", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.ExplicitCapture)]
    private static partial System.Text.RegularExpressions.Regex IdentifierThenEmphasis();

    /// <summary>The layout's stable name.</summary>
    public const string LayoutName = "generic";

    private const int MaxDepth = 4;

    /// <summary>The shared instance.</summary>
    public static GenericLayout Instance { get; } = new();

    /// <inheritdoc />
    public string Name => LayoutName;

    /// <inheritdoc />
    public string Description => "Any digest: the repeating unit that carries the paper links (headings, list items, table rows, link or bold-title paragraphs), titles told apart by script.";

    /// <summary>Never chosen by detection score: the parser reads with it when it accounts for more papers than the best recipe.</summary>
    public double Detect(DigestReadContext context) => 0;

    /// <inheritdoc cref="Detect"/>
    double IDetectionBound.MaxScore(DocumentShape shape) => 0;

    /// <inheritdoc />
    public void Read(DigestReadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hits = ArxivIdScan.Find(context.Text);
        var units = new List<Unit>();
        var top = new List<Block>(context.Markdown);
        Select(context.Text, top, hits, units, 0, requireTwo: false);
        units.Sort((a, b) => a.Start.CompareTo(b.Start));
        context.Preamble = context.SourceMarkdown.CanonicalSource(0, units.Count > 0 ? units[0].Start : context.Text.Length);
        foreach (var unit in units)
        {
            ReadUnit(context, unit, hits);
        }
    }

    // ---- choosing the unit ----

    private enum UnitKind
    {
        Heading,
        ListItem,
        TableRow,
        Starter,
        RuleRun,
        HtmlElement,
    }

    /// <summary>A candidate entry: its title block, the other blocks, and its source range.</summary>
    private sealed class Unit(UnitKind kind, Block head, List<Block> rest, int start, int end)
    {
        /// <summary>For an HTML element: the element, the identifiers it names and the column labels of its table, if any.</summary>
        public IElement? Element { get; init; }

        public List<string>? Ids { get; init; }

        public IReadOnlyList<string>? Headers { get; init; }

        public UnitKind Kind { get; } = kind;

        public Block Head { get; } = head;

        public List<Block> Rest { get; } = rest;

        public int Start { get; } = start;

        /// <summary>The offset just after the unit.</summary>
        public int End { get; } = end;

        public IEnumerable<Block> All => Rest.Count == 0 ? [Head] : Rest.Prepend(Head);

        /// <summary>The distinct identifiers the unit names and the first of them, counted once (the hits do not change during a read).</summary>
        public (int Count, string? First)? Distinct { get; set; }

        /// <summary>Whether the unit's title block reads as a title, decided once.</summary>
        public bool? Titled { get; set; }
    }

    /// <summary>
    /// Chooses the reading of a region that accounts for the most distinct identifiers (a tie goes to the coarser unit), keeps
    /// its units that carry one paper, and reads again the parts it leaves: units that hold many papers and the blocks between.
    /// </summary>
    private static void Select(string text, List<Block> region, List<ArxivIdScan.Hit> hits, List<Unit> chosen, int depth, bool requireTwo)
    {
        if (region.Count == 0 || depth > MaxDepth)
        {
            return;
        }

        List<Unit>? best = null;
        var bestScore = 0;
        var bestSize = 0.0;
        var bestTitled = 0;
        var bestSecondary = 0;
        var candidates = Candidates(text, region).Where(c => c.Count > 0).ToList();
        foreach (var candidate in candidates)
        {
            // Most identifiers accounted for; on a tie, the reading whose units have a title; then the coarser unit.
            var score = Score(candidate, hits);
            var titled = score == 0 || score < bestScore ? 0 : candidate.Count(u => DistinctIds(u, hits) is >= 1 and <= 3 && HasTitle(u, hits));
            var size = candidate.Average(u => (double)(u.End - u.Start));

            // Identifiers a one-paper unit holds besides its paper: fewer is better (a date section holding two papers is
            // not one paper's entry).
            var secondary = score == 0 || score < bestScore ? 0 : candidate.Sum(u => DistinctIds(u, hits) is var n && n is 2 or 3 ? n - 1 : 0);
            if (score > bestScore || (score == bestScore && score > 0
                && (titled > bestTitled || (titled == bestTitled && (secondary < bestSecondary || (secondary == bestSecondary && size > bestSize))))))
            {
                best = candidate;
                bestScore = score;
                bestSize = size;
                bestTitled = titled;
                bestSecondary = secondary;
            }
        }

        if (best is null && hits.Count == 0)
        {
            // A digest that names no arXiv identifier at all (links to notes or other sites): the unit is the one whose
            // titles are links, most often; the coarser on a tie.
            var bestLinked = 1;
            foreach (var candidate in candidates)
            {
                var linked = candidate.Where(u => HeadHasLink(u) && HasTitle(u, hits)).ToList();
                if (linked.Count > bestLinked || (linked.Count == bestLinked && linked.Count > 1 && best is not null && linked.Average(u => (double)(u.End - u.Start)) > best.Average(u => (double)(u.End - u.Start))))
                {
                    best = linked;
                    bestLinked = linked.Count;
                }
            }

            if (best is null)
            {
                return;
            }

            chosen.AddRange(best);
            SelectOutside(text, region, best, hits, chosen, depth);
            return;
        }

        if (best is null || bestScore < (requireTwo ? 2 : 1))
        {
            return;
        }

        var withIds = best.Count(u => IsOnePaper(u, DistinctIds(u, hits), hits));
        var keepEmpty = withIds * 2 >= best.Count;
        foreach (var unit in best)
        {
            var n = DistinctIds(unit, hits);
            if (IsOnePaper(unit, n, hits) || (n == 0 && keepEmpty && unit.Rest.Count > 0 && unit.Kind != UnitKind.RuleRun))
            {
                chosen.Add(unit);
            }
            else if (n > 1)
            {
                Select(text, unit.Rest, hits, chosen, depth + 1, requireTwo: false);
            }
        }

        SelectOutside(text, region, best, hits, chosen, depth);
    }

    /// <summary>
    /// Reads again each run of the region's blocks that lies outside every unit of the reading (a preamble, a section of
    /// another form); such a run must account for two papers to give entries.
    /// </summary>
    private static void SelectOutside(string text, List<Block> region, List<Unit> reading, List<ArxivIdScan.Hit> hits, List<Unit> chosen, int depth)
    {
        var gap = new List<Block>();
        foreach (var block in region)
        {
            var blockEnd = MarkdownText.BlockEnd(block) + 1;
            if (!reading.Any(u => u.Start < blockEnd && block.Span.Start < u.End))
            {
                gap.Add(block);
                continue;
            }

            if (gap.Count > 0)
            {
                Select(text, gap, hits, chosen, depth + 1, requireTwo: true);
                gap = [];
            }
        }

        if (gap.Count > 0)
        {
            Select(text, gap, hits, chosen, depth + 1, requireTwo: true);
        }
    }

    /// <summary>
    /// Whether a unit naming <paramref name="n"/> distinct identifiers is one paper's entry: one identifier, or two or three
    /// (a paper and the work it cites) under a title; more, or several under a date or a label, make it a section.
    /// </summary>
    private static bool IsOnePaper(Unit unit, int n, List<ArxivIdScan.Hit> hits) => n == 1 || (n is 2 or 3 && HasTitle(unit, hits));

    /// <summary>The link a title block opens with (after an entry number, emphasis or emoji), if any.</summary>
    private static Markdig.Syntax.Inlines.LinkInline? LeadingLinkOf(LeafBlock leaf)
    {
        for (var x = leaf.Inline?.FirstChild; x is not null; x = x.NextSibling)
        {
            switch (x)
            {
                case Markdig.Syntax.Inlines.LinkInline { IsImage: false } link:
                    return link;
                case Markdig.Syntax.Inlines.EmphasisInline em when em.FirstChild is Markdig.Syntax.Inlines.LinkInline { IsImage: false } inner && inner.NextSibling is null:
                    return inner;
                case Markdig.Syntax.Inlines.LiteralInline lit when TitleRules.Clean(lit.Content.ToString()).Length == 0:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Whether a unit's title block holds a link (not an image).</summary>
    private static bool HeadHasLink(Unit unit)
        => unit.Element is null && unit.Head is LeafBlock { Inline: { } inline } && inline.Descendants<Markdig.Syntax.Inlines.LinkInline>().Any(l => !l.IsImage);

    /// <summary>Whether a unit's title block reads as a title (in either script).</summary>
    private static bool HasTitle(Unit unit, List<ArxivIdScan.Hit> hits) => unit.Titled ??= ReadsAsTitle(unit, hits);

    private static bool ReadsAsTitle(Unit unit, List<ArxivIdScan.Hit> hits)
    {
        string line;
        switch (unit.Head)
        {
            case LeafBlock leaf when unit.Element is null:
                line = FlatText.Of(leaf).Text;
                var nl = line.IndexOf('\n', StringComparison.Ordinal);
                line = nl >= 0 ? line[..nl] : line;
                break;
            default:
                return unit.Element is not null || unit.Head is TableRow;
        }

        // A heading whose paper comes after a sub-heading is a section: the sub-heading is the entry's title.
        if (unit.Head is HeadingBlock && FirstHit(unit) is { } hit)
        {
            foreach (var b in unit.Rest)
            {
                if (b.Span.Start >= hit)
                {
                    break;
                }

                if (b is HeadingBlock)
                {
                    return false;
                }
            }
        }

        int? FirstHit(Unit u)
        {
            foreach (var h in HitsIn(hits, u.Start, u.End))
            {
                return h.Offset;
            }

            return null;
        }

        var kind = TitleRules.Label(line, out var value);
        return kind is TitleRules.LabelKind.None or TitleRules.LabelKind.Title && TitleRules.SplitBilingual(value).Any(p => TitleRules.RoleOf(TitleRules.Clean(p)) != LineRole.None);
    }

    /// <summary>The distinct identifiers that are the first named of a unit naming one to three.</summary>
    private static int Score(List<Unit> units, List<ArxivIdScan.Hit> hits)
    {
        var primaries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var (n, first) = DistinctOf(unit, hits);
            if (IsOnePaper(unit, n, hits))
            {
                primaries.Add(first!);
            }
        }

        return primaries.Count;
    }

    private static int DistinctIds(Unit unit, List<ArxivIdScan.Hit> hits) => DistinctOf(unit, hits).Count;

    private static (int Count, string? First) DistinctOf(Unit unit, List<ArxivIdScan.Hit> hits)
    {
        if (unit.Distinct is { } known)
        {
            return known;
        }

        string? first = null;
        HashSet<string>? seen = null;
        foreach (var id in IdsOf(unit, hits))
        {
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (seen.Add(id))
            {
                first ??= id;
            }
        }

        unit.Distinct = (seen?.Count ?? 0, first);
        return unit.Distinct.Value;
    }

    private static IEnumerable<string> IdsOf(Unit unit, List<ArxivIdScan.Hit> hits)
        => unit.Ids ?? HitsIn(hits, unit.Start, unit.End).Select(h => h.Id);

    private static IEnumerable<ArxivIdScan.Hit> HitsIn(List<ArxivIdScan.Hit> hits, int start, int end)
    {
        var lo = 0;
        var hi = hits.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (hits[mid].Offset < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < hits.Count && hits[i].Offset < end; i++)
        {
            yield return hits[i];
        }
    }

    /// <summary>Every way to cut a region into units.</summary>
    private static IEnumerable<List<Unit>> Candidates(string text, List<Block> region)
    {
        var regionEnd = MarkdownText.BlockEnd(region[^1]) + 1;

        // Headings of one level: the heading and what follows up to the next heading of that level or above.
        var levels = new SortedSet<int>();
        foreach (var b in region)
        {
            if (b is HeadingBlock h)
            {
                levels.Add(h.Level);
            }
        }

        foreach (var level in levels)
        {
            var units = new List<Unit>();
            for (var i = 0; i < region.Count; i++)
            {
                if (region[i] is HeadingBlock h && h.Level == level)
                {
                    var rest = new List<Block>();
                    var j = i + 1;
                    while (j < region.Count && !(region[j] is HeadingBlock next && next.Level <= level))
                    {
                        rest.Add(region[j]);
                        j++;
                    }

                    var end = j < region.Count ? region[j].Span.Start : regionEnd;
                    units.Add(new Unit(UnitKind.Heading, h, rest, h.Span.Start, end));
                }
            }

            yield return units;
        }

        // List items, at the first and the second depth.
        var items = new List<Unit>();
        var nested = new List<Unit>();
        foreach (var b in region)
        {
            if (b is ListBlock list)
            {
                foreach (var child in list)
                {
                    if (child is ListItemBlock item)
                    {
                        items.Add(ItemUnit(item));
                        foreach (var inner in item)
                        {
                            if (inner is ListBlock innerList)
                            {
                                nested.AddRange(innerList.OfType<ListItemBlock>().Select(ItemUnit));
                            }
                        }
                    }
                }
            }
        }

        yield return items;
        yield return nested;

        // Table rows.
        var rows = new List<Unit>();
        foreach (var b in region)
        {
            if (b is Table table)
            {
                foreach (var r in table)
                {
                    if (r is TableRow { IsHeader: false } row)
                    {
                        rows.Add(new Unit(UnitKind.TableRow, row, [], row.Span.Start, MarkdownText.BlockEnd(row) + 1));
                    }
                }
            }
        }

        yield return rows;

        // Paragraphs led by a link or a bold title, with what follows up to the next such paragraph.
        var starters = new List<Unit>();
        for (var i = 0; i < region.Count; i++)
        {
            if (IsStarter(region[i]))
            {
                var rest = new List<Block>();
                var j = i + 1;
                while (j < region.Count && !IsStarter(region[j]) && region[j] is not HeadingBlock and not ThematicBreakBlock)
                {
                    rest.Add(region[j]);
                    j++;
                }

                var end = j < region.Count ? region[j].Span.Start : regionEnd;
                starters.Add(new Unit(UnitKind.Starter, region[i], rest, region[i].Span.Start, end));
                i = j - 1;
            }
        }

        yield return starters;

        // Runs between thematic breaks.
        var runs = new List<Unit>();
        if (region.Count(b => b is ThematicBreakBlock) >= 2)
        {
            var run = new List<Block>();
            foreach (var b in region.Append(null))
            {
                if (b is null or ThematicBreakBlock)
                {
                    if (run.Count > 0)
                    {
                        runs.Add(new Unit(UnitKind.RuleRun, run[0], run.Skip(1).ToList(), run[0].Span.Start, MarkdownText.BlockEnd(run[^1]) + 1));
                    }

                    run = [];
                }
                else
                {
                    run.Add(b);
                }
            }
        }

        yield return runs;

        // HTML elements that repeat (cards, rows, list items), grouped by tag and class, in each run of HTML blocks.
        foreach (var group in HtmlCandidates(text, region))
        {
            yield return group;
        }
    }

    private static HtmlParser? s_htmlParser;

    private static IEnumerable<List<Unit>> HtmlCandidates(string text, List<Block> region)
    {
        var i = 0;
        while (i < region.Count)
        {
            if (region[i] is not HtmlBlock)
            {
                i++;
                continue;
            }

            var j = i;
            while (j + 1 < region.Count && region[j + 1] is HtmlBlock)
            {
                j++;
            }

            var start = region[i].Span.Start;
            var end = MarkdownText.BlockEnd(region[j]) + 1;
            var first = region[i];
            i = j + 1;
            var source = text[start..end];
            if (source.AsSpan().IndexOf("arxiv", StringComparison.OrdinalIgnoreCase) < 0)
            {
                continue;
            }

            var parser = s_htmlParser ??= new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true, IsScripting = false });
            var doc = parser.ParseDocument(source);
            var groups = new Dictionary<string, List<IElement>>(StringComparer.Ordinal);
            foreach (var el in doc.Body?.QuerySelectorAll("*") ?? Enumerable.Empty<IElement>())
            {
                if (el.LocalName is "a" or "span" or "br" or "img" or "b" or "strong" or "em" or "i" or "code" or "button" or "td" or "th" or "p")
                {
                    continue;
                }

                var key = el.LocalName + "." + (el.ClassList.Length > 0 ? el.ClassList[0] : "");
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(el);
            }

            foreach (var (_, elements) in groups)
            {
                if (elements.Count < 2 && !elements.Any(e => e.LocalName is "details" or "tr" or "li" or "article"))
                {
                    continue;
                }

                var units = new List<Unit>();
                for (var k = 0; k < elements.Count; k++)
                {
                    var el = elements[k];
                    var outer = el.OuterHtml;
                    var ids = ArxivIdScan.Find(outer).Select(h => h.Id).ToList();
                    var at = el.SourceReference is { } r ? start + Math.Max(0, r.Position.Index - 1) : start;
                    at = Math.Clamp(at, start, end);
                    var next = k + 1 < elements.Count && elements[k + 1].SourceReference is { } nr ? start + Math.Max(0, nr.Position.Index - 1) : end;
                    var stop = Math.Clamp(Math.Min(at + outer.Length, next > at ? next : end), at, end);
                    units.Add(new Unit(UnitKind.HtmlElement, first, [], at, stop) { Element = el, Ids = ids, Headers = HeadersOf(el) });
                }

                yield return units;
            }
        }
    }

    /// <summary>The header texts of the table an HTML row belongs to, by column.</summary>
    private static IReadOnlyList<string>? HeadersOf(IElement el)
    {
        if (el.LocalName != "tr")
        {
            return null;
        }

        var table = el.Closest("table");
        var header = table?.QuerySelector("tr");
        return header is null || header == el ? null : header.Children.Select(c => c.TextContent.Trim()).ToList();
    }

    private static Unit ItemUnit(ListItemBlock item)
    {
        var end = MarkdownText.BlockEnd(item) + 1;
        if (item.Count > 0 && item[0] is LeafBlock first)
        {
            var rest = new List<Block>();
            for (var i = 1; i < item.Count; i++)
            {
                rest.Add(item[i]);
            }

            return new Unit(UnitKind.ListItem, first, rest, item.Span.Start, end);
        }

        return new Unit(UnitKind.ListItem, item, [], item.Span.Start, end);
    }

    private static bool IsStarter(Block b)
        => b is ParagraphBlock p && (LayoutSupport.LeadingLink(p) is not null || LayoutSupport.SoleStrong(p) is not null || StartsWithStrong(p));

    private static bool StartsWithStrong(ParagraphBlock p)
        => LayoutSupport.FirstNonBlank(p.Inline?.FirstChild) is Markdig.Syntax.Inlines.EmphasisInline { DelimiterCount: 2 } strong
           && strong.NextSibling is Markdig.Syntax.Inlines.LineBreakInline or null;

    // ---- reading one entry ----

    private static void ReadUnit(DigestReadContext context, Unit unit, List<ArxivIdScan.Hit> hits)
    {
        if (unit.Element is { } element)
        {
            ReadHtmlUnit(context, unit, element);
            return;
        }

        var blocks = unit.All.ToList();
        var links = new List<DigestLink>(MarkdownLinks.Collect(context, LayoutSupport.ForLinks(context, blocks)));
        var headEnd = unit.Kind == UnitKind.TableRow ? unit.End : MarkdownText.BlockEnd(unit.Head) + 1;
        var paper = PaperOf(context, unit, links, hits, headEnd);

        // Title lines: the head's lines, then bold or title-labelled lines before the body's prose.
        var lines = new List<(string Text, int Start, int End)>();
        var headLines = HeadLines(context, unit);
        var titleUsed = new HashSet<int>();
        string title = "", translated = "";
        var titleSpan = context.Span(unit.Head.Span.Start, headEnd);
        if (unit.Head is LeafBlock headLeaf && LeadingLinkOf(headLeaf) is { } lead && Take(MarkdownText.TitleText(lead), ref title, ref translated, first: true))
        {
            // '[Title](URL) — one sentence': the link's text is the title.
            titleUsed.Add(0);
        }

        for (var i = 0; i < headLines.Count; i++)
        {
            var (text, isBold) = headLines[i];
            if (i > 0 && !isBold && TitleRules.Label(text, out _) != TitleRules.LabelKind.Title && unit.Kind != UnitKind.TableRow)
            {
                continue;
            }

            if (Take(text, ref title, ref translated, first: i == 0 || unit.Kind == UnitKind.TableRow))
            {
                titleUsed.Add(i);
            }
        }

        var body = unit.Rest.Where(b => b is not LinkReferenceDefinitionGroup && b.Span.Start >= unit.Start).ToList();
        var taken = 0;
        foreach (var b in body.ToList())
        {
            if ((title.Length > 0 && translated.Length > 0) || taken >= 4)
            {
                break;
            }

            if (b is ListBlock fields)
            {
                // A list of labelled fields ('- **Title**: …', '- **タイトル**: …'): a title-labelled item names the title of
                // its script, before the head's text (a heading such as 'Paperpile Brief 2026-06-19 - Title'). The list
                // ends the search: what follows it is the body.
                string labelled = "", labelledTranslated = "";
                foreach (var item in fields.OfType<ListItemBlock>())
                {
                    if (item.Count > 0 && item[0] is ParagraphBlock p && FlatText.Of(p).Text is var field
                        && !field.Contains('\n', StringComparison.Ordinal) && TitleRules.Label(field, out _) == TitleRules.LabelKind.Title)
                    {
                        Take(field, ref labelled, ref labelledTranslated, first: true);
                    }
                }

                title = labelled.Length > 0 ? labelled : title;
                translated = labelledTranslated.Length > 0 ? labelledTranslated : translated;
                break;
            }

            if (b is not LeafBlock leaf || b is not ParagraphBlock and not HeadingBlock)
            {
                break;
            }

            var flat = FlatText.Of(leaf).Text;
            var strong = LayoutSupport.SoleStrong(leaf) is not null || b is HeadingBlock || IsSoleLink(leaf);
            var kind = TitleRules.Label(flat, out _);
            if (!strong && kind != TitleRules.LabelKind.Title && kind != TitleRules.LabelKind.Metadata)
            {
                break;
            }

            if ((strong && !flat.Contains('\n', StringComparison.Ordinal)) || kind == TitleRules.LabelKind.Title)
            {
                if (Take(flat, ref title, ref translated, first: true))
                {
                    body.Remove(b);
                }
            }

            taken++;
        }

        // The abstract: the head's other lines and the body, without title lines and lines that hold only links.
        var sbMarkdown = new StringBuilder();
        if (unit.Kind is UnitKind.ListItem or UnitKind.Starter or UnitKind.RuleRun && unit.Head is LeafBlock head)
        {
            var sourceLines = context.SourceOf(head).Split('\n');
            for (var i = 1; i < sourceLines.Length; i++)
            {
                var origin = i;
                while (origin > 0 && origin < headLines.Count && headLines[origin] is { Text.Length: 0, Bold: true })
                {
                    origin--;
                }

                var continuation = origin != i && titleUsed.Contains(origin);
                if (!titleUsed.Contains(i) && !continuation && Keep(sourceLines[i].Trim()) is { } kept)
                {
                    Append(sbMarkdown, kept);
                }
            }
        }
        else if (unit.Kind == UnitKind.TableRow && unit.Head is TableRow row)
        {
            var headers = MarkdownHeaders(row);
            var cells = row.OfType<TableCell>().ToList();
            var longest = headers is null ? null : cells.Where((c, k) => k < headers.Count && TitleRules.KindOfLabel(headers[k]) == TitleRules.LabelKind.Abstract)
                .Select(c => MarkdownText.BlockText(c).Trim()).FirstOrDefault(t => t.Length > 0);
            longest ??= cells.Select(c => MarkdownText.BlockText(c).Trim()).Where(t => t.Length > 60 && TitleRules.IsProse(t)).OrderByDescending(t => t.Length).FirstOrDefault();
            if (longest is not null)
            {
                Append(sbMarkdown, longest);
            }
        }

        var textBlocks = LayoutSupport.ForText(context, body);
        if (textBlocks.Count > 0)
        {
            FilterLines(context.SourceMarkdown.BlocksTextAndMarkdown(textBlocks).Markdown, sbMarkdown);
        }

        // The text is read from the kept Markdown, so that the two agree as they do when the entry is written canonically.
        var abstractMarkdown = sbMarkdown.ToString().Trim();
        var abstractText = PlainText(abstractMarkdown);

        if (title.Length == 0 && translated.Length == 0)
        {
            // The title cannot be delimited: keep the head's text as the title, and say so.
            var raw = TitleRules.Clean(headLines.Count > 0 ? headLines[0].Text : "");
            context.Report(DiagnosticIds.EmptyTitle, DiagnosticSeverity.Warning,
                raw.Length > 0 ? $"No title could be delimited in '{MarkdownText.Shorten(raw)}'; the entry keeps that text as its title." : "An entry has no title.",
                titleSpan, paper?.ArxivId?.Value);
            title = raw;
        }

        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            TranslatedTitle = translated,
            Paper = paper,
            Links = links,
            Abstract = abstractText,
            AbstractMarkdown = abstractMarkdown,
            Span = context.Span(unit.Start, TrimEnd(context.Text, unit.Start, unit.End)),
            TitleSpan = titleSpan,
            ExpectTitle = false,
            ExpectAbstract = false,
            ReportMissingLink = true,
        });
    }

    /// <summary>The plain text of Markdown, read through the same nesting guard as a whole file.</summary>
    private static string PlainText(string markdown)
    {
        if (markdown.Length == 0)
        {
            return "";
        }

        var safe = NestingGuard.Sanitize(markdown, []);
        try
        {
            return MarkdownText.BlocksText(DigestParser.ParseMarkdown(safe)).Trim();
        }
        catch (ArgumentException)
        {
            return HtmlText.CollapseWhitespace(safe).Trim();
        }
    }

    private static int CountOf(string s, string value)
    {
        var n = 0;
        for (var at = s.IndexOf(value, StringComparison.Ordinal); at >= 0; at = s.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    /// <summary>A paragraph that is one link and nothing else (<c>[译名](URL)</c>): its text may be a title.</summary>
    private static bool IsSoleLink(LeafBlock leaf)
    {
        var first = LayoutSupport.FirstNonBlank(leaf.Inline?.FirstChild);
        if (first is not Markdig.Syntax.Inlines.LinkInline { IsImage: false })
        {
            return false;
        }

        for (var x = first.NextSibling; x is not null; x = x.NextSibling)
        {
            if (!LayoutSupport.IsBlank(x))
            {
                return false;
            }
        }

        return true;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>Takes the titles a line holds, by script; the first of each kind wins.</summary>
    private static bool Take(string line, ref string title, ref string translated, bool first)
    {
        var value = line;
        var label = TitleRules.Label(line, out var v);
        if (label == TitleRules.LabelKind.Title)
        {
            value = v;
        }
        else if (label != TitleRules.LabelKind.None)
        {
            return false;
        }

        var any = false;
        foreach (var part in TitleRules.SplitBilingual(value))
        {
            var cleaned = TitleRules.Clean(part);
            if (TitleRules.IsProse(cleaned) && !first)
            {
                continue;
            }

            switch (TitleRules.RoleOf(cleaned))
            {
                case LineRole.Title when title.Length == 0:
                    title = cleaned;
                    any = true;
                    break;
                case LineRole.TranslatedTitle when translated.Length == 0 && !TitleRules.IsProse(cleaned):
                    translated = cleaned;
                    any = true;
                    break;
            }
        }

        return any;
    }

    private static List<string>? MarkdownHeaders(TableRow row)
        => row.Parent is Table { Count: > 0 } table && table[0] is TableRow { IsHeader: true } header && header != row
            ? header.OfType<TableCell>().Select(c => MarkdownText.BlockText(c).Trim()).ToList()
            : null;

    /// <summary>
    /// An entry that is an HTML element (a card, a row): the paper link is its first arXiv link, else an identifier in a
    /// <c>data-*</c> attribute or its text; titles come from title-classed elements, links and headings, then from its
    /// other text by script; the abstract from elements or columns named as one.
    /// </summary>
    private static void ReadHtmlUnit(DigestReadContext context, Unit unit, IElement element)
    {
        var span = context.Span(unit.Start, TrimEnd(context.Text, unit.Start, unit.End));
        var links = new List<DigestLink>();
        foreach (var (href, text) in HtmlText.Links(element))
        {
            if (href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                links.Add(MarkdownLinks.MakeLink(href, href, text, span, context: text));
            }
        }

        var paper = links.FirstOrDefault(l => l.ArxivId is not null);
        if (paper is null)
        {
            foreach (var el in element.QuerySelectorAll("*").Prepend(element))
            {
                foreach (var attr in el.Attributes)
                {
                    if (attr.Name.StartsWith("data-", StringComparison.Ordinal) && ArxivId.TryParse(attr.Value.Trim(), out var id))
                    {
                        paper = AbsLink(id, attr.Value, span);
                        break;
                    }
                }

                if (paper is not null)
                {
                    break;
                }
            }

            if (paper is null && ArxivIdScan.Find(element.TextContent).FirstOrDefault() is { Id.Length: > 0 } hit && ArxivId.TryParse(hit.Id, out var tid))
            {
                paper = AbsLink(tid, hit.Id, span);
            }

            if (paper is not null)
            {
                links.Insert(0, paper);
            }
        }

        string title = "", translated = "";
        var abstractParts = new List<string>();
        var headers = unit.Headers;
        var candidates = new List<string>();
        candidates.AddRange(element.QuerySelectorAll("[class*=title]").Select(e => e.TextContent));
        candidates.AddRange(element.QuerySelectorAll("h1,h2,h3,h4,h5,h6,summary,strong,b").Select(e => e.TextContent));
        candidates.AddRange(element.QuerySelectorAll("a").Select(e => e.TextContent).Where(t => t.Trim().Length >= 8));
        var cells = element.LocalName == "tr" ? element.Children.ToList() : element.QuerySelectorAll("*").Where(e => e.ChildElementCount == 0).ToList();
        for (var k = 0; k < cells.Count; k++)
        {
            var cls = cells[k].ClassName ?? "";
            var kind = headers is not null && element.LocalName == "tr" && k < headers.Count ? TitleRules.KindOfLabel(headers[k]) : TitleRules.LabelKind.None;
            if (kind == TitleRules.LabelKind.Abstract || AbstractClass().IsMatch(cls))
            {
                abstractParts.Add(HtmlText.ToText(cells[k]));
                continue;
            }

            if (kind == TitleRules.LabelKind.Metadata || MetadataClass().IsMatch(cls))
            {
                continue;
            }

            candidates.Add(cells[k].TextContent);
        }

        foreach (var c in candidates)
        {
            Take(HtmlText.CollapseWhitespace(c), ref title, ref translated, first: false);
        }

        if (title.Length == 0 && translated.Length == 0)
        {
            context.Report(DiagnosticIds.EmptyTitle, DiagnosticSeverity.Warning, "No title could be delimited in an HTML entry.", span, paper?.ArxivId?.Value);
        }

        var abstractText = string.Join("\n\n", abstractParts.Where(a => a.Length > 0));
        LayoutSupport.AddEntry(context, new EntryParts
        {
            Title = title,
            TranslatedTitle = translated,
            Paper = paper,
            Links = links,
            Abstract = abstractText,
            AbstractMarkdown = abstractText,
            Span = span,
            TitleSpan = span,
            ExpectTitle = false,
            ExpectAbstract = false,
            ReportMissingLink = true,
        });
    }

    /// <summary>The title block's lines as plain text, each with whether it is bold throughout.</summary>
    private static List<(string Text, bool Bold)> HeadLines(DigestReadContext context, Unit unit)
    {
        var lines = new List<(string, bool)>();
        switch (unit.Head)
        {
            case TableRow row:
                var headers = MarkdownHeaders(row);
                var column = 0;
                var titled = 0;
                foreach (var cell in row.OfType<TableCell>())
                {
                    var header = headers is not null && column < headers.Count ? headers[column] : null;
                    var kind = header is null ? TitleRules.LabelKind.None : TitleRules.NamesPaper(header) ? TitleRules.LabelKind.Title : TitleRules.KindOfLabel(header);
                    column++;
                    var text = HtmlText.CollapseWhitespace(MarkdownText.BlockText(cell).Replace("\n", " ", StringComparison.Ordinal)).Trim();
                    if (text.Length > 0 && kind == TitleRules.LabelKind.Title)
                    {
                        // A column whose header names the title (or the paper) comes before the others.
                        lines.Insert(titled++, (text, false));
                    }
                    else if (text.Length > 0 && kind == TitleRules.LabelKind.None)
                    {
                        lines.Add((text, false));
                    }
                }

                if (titled > 0)
                {
                    // The headers say which columns hold titles: the others (venue, method, notes) do not.
                    lines.RemoveRange(titled, lines.Count - titled);
                }

                break;
            case HeadingBlock heading:
                lines.Add((HtmlText.CollapseWhitespace(FlatText.Of(heading).Text.Replace('\n', ' ')), true));
                break;
            case LeafBlock leaf:
                var flat = FlatText.Of(leaf).Text.Split('\n');
                var src = context.SourceOf(leaf).Split('\n');
                for (var i = 0; i < flat.Length; i++)
                {
                    var s = i < src.Length ? src[i].Trim().TrimStart('-', '+', ' ') : "";
                    var line = flat[i];

                    // A bold title hard-wrapped over several source lines is one line, joined with a space; the lines it
                    // took stay in the list as empty continuations, so that line numbers still match the source's.
                    var j = i;
                    while (s.StartsWith("**", StringComparison.Ordinal) && CountOf(s, "**") % 2 == 1 && j + 1 < flat.Length && j + 1 < src.Length && j - i < 4)
                    {
                        j++;
                        s = s.TrimEnd() + " " + src[j].Trim();
                        line = line.TrimEnd() + " " + flat[j].Trim();
                    }

                    if (IdentifierThenEmphasis().Match(s) is { Success: true } lead)
                    {
                        line = PlainText(lead.Groups["t"].Value);
                    }

                    var bold = (s.StartsWith("**", StringComparison.Ordinal) && s.TrimEnd().EndsWith("**", StringComparison.Ordinal))
                        || (s.StartsWith("__", StringComparison.Ordinal) && s.TrimEnd().EndsWith("__", StringComparison.Ordinal));
                    lines.Add((line, bold));
                    for (var k = i + 1; k <= j; k++)
                    {
                        lines.Add(("", true));
                    }

                    i = j;
                }

                break;
        }

        return lines;
    }

    /// <summary>
    /// The paper link: an arXiv or paper-page link in the title, else the identifier the entry names most (the first on a
    /// tie), else an identifier written as text (<c>arXiv:ID</c>), which becomes a link of its own.
    /// </summary>
    private static DigestLink? PaperOf(DigestReadContext context, Unit unit, List<DigestLink> links, List<ArxivIdScan.Hit> hits, int headEnd)
    {
        DigestLink? inTitle = null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in links)
        {
            if (l.ArxivId is not { } id)
            {
                continue;
            }

            if (inTitle is null && l.Span.StartOffset < headEnd && l.Span.StartOffset >= unit.Head.Span.Start && unit.Kind != UnitKind.TableRow)
            {
                inTitle = l;
            }

            counts[id.Value] = counts.GetValueOrDefault(id.Value) + 1;
        }

        if (inTitle is not null)
        {
            return inTitle;
        }

        if (counts.Count > 0)
        {
            var max = counts.Values.Max();
            return links.First(l => l.ArxivId is { } id && counts[id.Value] == max);
        }

        foreach (var h in HitsIn(hits, unit.Start, unit.End))
        {
            // An identifier written as text, or in a URL that was not read as a link (broken by what follows it).
            if (ArxivId.TryParse(context.Text.AsSpan(h.Offset, h.Length), out var id))
            {
                var link = AbsLink(id, context.Text.Substring(h.Offset, h.Length), context.Span(h.Offset, h.Offset + h.Length));
                links.Add(link);
                links.Sort((a, b) => a.Span.StartOffset.CompareTo(b.Span.StartOffset));
                return link;
            }
        }

        return null;
    }

    /// <summary>The abstract-page link of an identifier found as text or in an attribute, classified like any other link.</summary>
    private static DigestLink AbsLink(ArxivId id, string written, SourceSpan span)
    {
        var url = "https://arxiv.org/abs/" + id;
        return MarkdownLinks.MakeLink(url, url, written, span);
    }

    private static void FilterLines(string text, StringBuilder into)
    {
        foreach (var line in text.Split('\n'))
        {
            if (Keep(line) is { } kept)
            {
                Append(into, kept);
            }
        }
    }

    /// <summary>An abstract line as kept: without an abstract label; none for a line of links or labels only, or a title line.</summary>
    private static string? Keep(string line)
    {
        var plain = line.Trim();
        if (plain.Length == 0)
        {
            return "";
        }

        var bare = plain.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).TrimStart('-', '*', '+', '>', ' ');
        switch (TitleRules.Label(bare, out var value))
        {
            case TitleRules.LabelKind.Abstract:
                return value.Length > 0 ? value : null;
            case TitleRules.LabelKind.Title:
                return null;
            case TitleRules.LabelKind.Metadata when LinksOnly(value):
                return null;
        }

        return LinksOnly(bare) ? null : line;
    }

    /// <summary>Whether a line holds nothing but links, label words and separators.</summary>
    private static bool LinksOnly(string line)
    {
        var s = line;
        foreach (var sep in new[] { "|", "｜", "·", "•", "/", ",", "、", "[", "]", "(", ")", "<", ">" })
        {
            s = s.Replace(sep, " ", StringComparison.Ordinal);
        }

        foreach (var word in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("http", StringComparison.OrdinalIgnoreCase) || TitleRules.IsLabelWord(word) || word.All(c => !char.IsLetterOrDigit(c))
                || ArxivId.TryParse(word, out _))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    private static void Append(StringBuilder sb, string line)
    {
        if (line.Length == 0)
        {
            if (sb.Length > 0 && !(sb.Length >= 2 && sb[^1] == '\n' && sb[^2] == '\n'))
            {
                sb.Append('\n');
            }

            return;
        }

        if (sb.Length > 0 && sb[^1] != '\n')
        {
            sb.Append('\n');
        }

        sb.Append(line).Append('\n');
    }
}
