using System.Text.RegularExpressions;

namespace PaperDigest.Parsing.Layouts;

/// <summary>The built-in declarative layouts, read by <see cref="SpecLayout"/>.</summary>
internal static partial class LayoutSpecs
{
    // The patterns are source-generated: no interpreter at run time and no compilation at start-up.

    /// <summary>
    /// <c>## English title</c>, notes in any language, and a link to the paper's page (Hugging Face papers, alphaXiv) in
    /// its own paragraph.
    /// </summary>
    public static LayoutSpec HeadingPaperPage { get; } = new()
    {
        Name = "heading-paper-page",
        Description = "'## English title', notes, then a '[…](https://huggingface.co/papers/ID)' paragraph.",
        HeadingLevel = 2,
        TitlePattern = Pattern0(),
        AbstractIsRest = true,
        Signal = Pattern1(),
    };

    /// <summary><c>## N. English title / 中文标题</c>, a <c>**arXiv**: [ID](…)</c> field line and the abstract in <c>&lt;details&gt;</c>.</summary>
    public static LayoutSpec HeadingBilingual { get; } = new()
    {
        Name = "heading-bilingual",
        Description = "'## N. English title / 中文标题', a '**Date**: … | **arXiv**: [ID](…)' line, the abstract in <details>.",
        HeadingLevel = 2,
        TitlePattern = Pattern2(),
        Fields =
        [
            new(FieldKind.PaperLink, "arXiv"),
            new(FieldKind.CodeLink, "Code|代码"),
            new(FieldKind.Ignored, "Date|PDF|Categories|Authors"),
        ],
        AbstractInDetails = true,
        Signal = Pattern3(),
    };

    /// <summary><c>### [n] [English title](arXiv)</c>, authors, <c>Main category:</c>, a TL;DR and an <c>Abstract:</c> in <c>&lt;details&gt;</c>.</summary>
    public static LayoutSpec BracketNumberLink { get; } = new()
    {
        Name = "bracket-number-link",
        Description = "'### [n] [English title](arXiv URL)', '*authors*', 'Main category:', 'TL;DR:', '> *中文标题*', 'Abstract:' in <details>.",
        HeadingLevel = 3,
        TitlePattern = Pattern4(),
        TitleLinkIsPaper = true,
        QuotedEmphasisIsTranslatedTitle = true,
        Fields =
        [
            new(FieldKind.Abstract, "Abstract"),
            new(FieldKind.Ignored, "Main category|TL;DR|Motivation|Method|Result|Conclusion"),
        ],
        Signal = Pattern5(),
    };

    /// <summary><c>### N. [English title](arXiv)</c> with labelled fields (作者, arXiv所属领域, 摘要) and a quoted abstract.</summary>
    public static LayoutSpec NumberedLinkFields { get; } = new()
    {
        Name = "numbered-link-fields",
        Description = "'### N. [English title](arXiv URL)', '**作者：** …', '**arXiv所属领域：** …', '**摘要：**' and a quoted abstract.",
        HeadingLevel = 3,
        TitlePattern = Pattern6(),
        TitleLinkIsPaper = true,
        Fields =
        [
            new(FieldKind.Abstract, "摘要|Abstract"),
            new(FieldKind.TranslatedTitle, "中文标题|标题翻译"),
            new(FieldKind.CodeLink, "代码|Code"),
            new(FieldKind.Ignored, "作者|Authors|arXiv所属领域|所属领域|领域|Categories"),
        ],
        Signal = Pattern7(),
    };

    /// <summary><c>### N. 中文标题</c> with <c>**原文标题：**</c> (the English title), <c>**摘要：**</c> and <c>**论文链接：**</c>.</summary>
    public static LayoutSpec TranslatedHeadingFields { get; } = new()
    {
        Name = "translated-heading-fields",
        Description = "'### N. 中文标题', '**原文标题：** English title' (may wrap), '**摘要：** …', '**论文链接：** [](…)'.",
        HeadingLevel = 3,
        TitlePattern = Pattern8(),
        Fields =
        [
            new(FieldKind.Title, "原文标题|英文标题|English title|Original title"),
            new(FieldKind.PaperLink, "论文链接|原文链接|Paper link|Paper"),
            new(FieldKind.CodeLink, "代码链接|代码|Code"),
            new(FieldKind.Abstract, "摘要|Abstract"),
        ],
        Signal = Pattern9(),
    };

    /// <summary><c>## N. 中文标题</c> with <c>- **原文链接**: URL</c>, <c>- **发布日期**:</c>, <c>- **摘要**:</c> and the abstract below.</summary>
    public static LayoutSpec TranslatedHeadingList { get; } = new()
    {
        Name = "translated-heading-list",
        Description = "'## N. 中文标题', '- **原文链接**: URL', '- **发布日期**: …', '- **摘要**:' then the abstract; no English title.",
        HeadingLevel = 2,
        TitlePattern = Pattern10(),
        HasTitle = false,
        Fields =
        [
            new(FieldKind.Title, "原文标题|英文标题|English title"),
            new(FieldKind.PaperLink, "原文链接|论文链接|Paper link"),
            new(FieldKind.CodeLink, "代码链接|代码|Code"),
            new(FieldKind.Abstract, "摘要|Abstract"),
            new(FieldKind.Ignored, "发布日期|日期|作者|Date|Authors"),
        ],
        Signal = Pattern11(),
    };

    /// <summary><c>**English title**</c> then <c>- Paper: URL</c> / <c>- Code: URL</c> lines, under topic headings.</summary>
    public static LayoutSpec BoldTitleList { get; } = new()
    {
        Name = "bold-title-list",
        Description = "'**English title**' then '- Paper: URL' and '- Code: URL' lines, under topic headings.",
        Start = EntryStart.BoldLine,
        TitlePattern = Pattern12(),
        HasAbstract = false,
        Fields =
        [
            new(FieldKind.PaperLink, "Paper|论文|arXiv"),
            new(FieldKind.CodeLink, "Code|代码"),
            new(FieldKind.Ignored, "Project Page|Project|Homepage|Home Page|Page|Dataset|Demo|主页|项目主页"),
        ],
        Signal = Pattern13(),
    };

    [GeneratedRegex(@"^(?<en>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern0();

    [GeneratedRegex(@"^\[[^\]\n]*\]\(\s*https?://(?:www\.)?(?:huggingface\.co/papers|hf\.co/papers|alphaxiv\.org/(?:abs|overview))/", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern1();

    [GeneratedRegex(@"^(?:\d+[.、]\s*)?(?<en>[^\p{IsCJKUnifiedIdeographs}]+)(?:\s+/\s+(?<zh>.*\p{IsCJKUnifiedIdeographs}.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern2();

    [GeneratedRegex(@"\barXiv(?:\*\*)?\s*[:：]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern3();

    [GeneratedRegex(@"^\[\d+\]\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern4();

    [GeneratedRegex(@"^(?:Main category|TL;DR)\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern5();

    [GeneratedRegex(@"^\d+[.、]\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern6();

    [GeneratedRegex(@"作者\s*[:：]|所属领域|摘要\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern7();

    [GeneratedRegex(@"^(?:\d+[.、]\s*)?(?<zh>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern8();

    [GeneratedRegex(@"原文标题|论文链接|原文链接", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern9();

    [GeneratedRegex(@"^(?:\d+[.、]\s*)?(?<zh>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern10();

    [GeneratedRegex(@"^[-*]\s*(?:\*\*)?(?:原文链接|论文链接)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern11();

    [GeneratedRegex(@"^(?<en>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern12();

    [GeneratedRegex(@"^[-*+]\s*(?:Paper|论文)\s*[:：]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern13();
}
