using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PaperDigest.Parsing.Layouts;

/// <summary>What a short line of an entry is, read from its words and script rather than from its position.</summary>
internal enum LineRole
{
    /// <summary>Nothing a title can be taken from: empty, a label word alone, an identifier, a URL, a date.</summary>
    None,

    /// <summary>An English (Latin-script) title.</summary>
    Title,

    /// <summary>A title in another script (Chinese, Japanese, Korean) or in Vietnamese.</summary>
    TranslatedTitle,
}

/// <summary>
/// The generic reading's rules for titles and labelled lines: numbering, emoji and badge decorations stripped, label words
/// in several languages, the script that decides between <c>title</c> and <c>translatedTitle</c>.
/// </summary>
internal static partial class TitleRules
{
    /// <summary>Label words that name a title field (any language); the value after them is a title.</summary>
    private static readonly string[] TitleLabels =
    [
        "title", "english title", "en title", "original title", "paper title", "translated title", "chinese title", "中文标题", "英文标题", "标题",
        "题目", "论文标题", "原标题", "中文题目", "中文名", "中文", "英文", "タイトル", "題名", "表題", "和訳", "日本語タイトル", "제목", "한국어 제목", "번역 제목", "원제", "원문 제목", "영문 제목", "영어 제목", "原題", "原タイトル", "英語タイトル", "英題",
        "tiêu đề", "tên bài báo",
    ];

    /// <summary>Label words that open the abstract (the value after them is the abstract's first line).</summary>
    private static readonly string[] AbstractLabels =
    [
        "abstract", "summary", "tl;dr", "tldr", "tl; dr", "overview", "description", "摘要", "中文摘要", "论文摘要", "概要", "简介", "总结", "摘要翻译", "一句话总结",
        "要約", "要旨", "概要説明", "요약", "초록", "개요", "tóm tắt", "ai summary", "ai 总结", "ai总结", "要点", "一句话要点", "核心贡献", "贡献", "亮点", "highlights", "key points", "takeaway", "takeaways", "tl;dr 中文",
    ];

    /// <summary>Label words of metadata fields (links, people, dates, tags): a line with one of them is not a title.</summary>
    private static readonly string[] MetadataLabels =
    [
        "url", "link", "links", "paper", "paper link", "pdf", "arxiv", "abs", "code", "github", "repo", "repository", "project", "project page", "homepage",
        "page", "website", "authors", "author", "affiliation", "affiliations", "institution", "date", "published", "submitted", "updated", "comments",
        "comment", "categories", "category", "subjects", "keywords", "tags", "score", "votes", "upvotes", "likes", "stars", "venue", "conference",
        "journal", "doi", "hf", "hugging face", "huggingface", "source", "data", "demo", "video", "blog", "retweets", "translation",
        "链接", "论文链接", "原文", "原文链接", "论文地址", "论文", "地址", "代码", "代码链接", "代码地址", "项目", "项目主页", "项目地址", "主页", "作者", "机构", "单位",
        "日期", "发布日期", "发表", "分类", "类别", "关键词", "标签", "评分", "点赞", "会议", "来源", "github链接", "pdf链接", "arxiv链接",
        "著者", "論文", "リンク", "論文リンク", "コード", "所属", "日付", "カテゴリ", "キーワード", "公開日",
        "저자", "논문", "링크", "논문 링크", "코드", "소속", "날짜", "카테고리", "키워드",
        "tác giả", "liên kết", "mã nguồn",
        "basic information", "basic info", "paper info", "paper information", "metadata", "基本信息", "论文信息", "基本資訊", "論文資訊", "基本情報", "論文情報",
        "書誌情報", "기본 정보", "논문 정보",
    ];

    /// <summary>Column headers that name the paper itself (<c>Paper</c>, <c>论文</c>): the column holds the paper's name, its title.</summary>
    private static readonly HashSet<string> PaperColumnWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "paper", "papers", "paper name", "论文", "论文名", "论文名称", "論文", "論文名", "논문", "논문명", "bài báo",
    };

    /// <summary>Link words that lead elsewhere ("details", "read more"): never a title.</summary>
    private static readonly HashSet<string> NavigationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "详情", "查看详情", "更多", "查看更多", "阅读", "阅读全文", "阅读原文", "全文", "点击查看", "返回", "返回顶部", "目录", "上一篇", "下一篇", "展开", "收起",
        "詳細", "詳しく", "続きを読む", "もっと見る", "자세히", "더보기", "원문",
    };

    /// <summary>Every label word with its kind, looked up once per label (a title word wins over the others).</summary>
    private static readonly Dictionary<string, LabelKind> KnownLabels = BuildKnownLabels();

    private static Dictionary<string, LabelKind> BuildKnownLabels()
    {
        var map = new Dictionary<string, LabelKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var (words, kind) in new[] { (TitleLabels, LabelKind.Title), (AbstractLabels, LabelKind.Abstract), (MetadataLabels, LabelKind.Metadata) })
        {
            foreach (var word in words)
            {
                map.TryAdd(word, kind);
            }
        }

        return map;
    }

    private static LabelKind KnownKind(string label) => KnownLabels.GetValueOrDefault(label, LabelKind.None);

    [GeneratedRegex(@"^\s*(?<label>[^\s:：][^:：]{0,24}?)\s*[:：]\s*(?<value>.*)$", RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"\s*(?:\(\s*https?://[^\s)]*\s*\)|https?://\S*)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingUrl();

    [GeneratedRegex(@"\s*[(（\[][^()（）\[\]]{1,20}[:：]\s*[\d.,/ ]+\s*[)）\]]\s*$")]
    private static partial Regex TrailingScore();

    /// <summary>An identifier that leads the line, set off from the title by a dash, colon or bar (<c>2401.00001 — Title</c>).</summary>
    [GeneratedRegex(@"^[\[(（]?(?:arxiv[:：]?\s*)?\d{4}\.\d{4,5}(?:v\d+)?[\])）]?\s*[—–\-:：|·]\s+", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex LeadingIdentifier();

    /// <summary>An identifier or a date in brackets at the end (<c>Title (2401.00001)</c>, <c>Title (2024-12-27).</c>).</summary>
    [GeneratedRegex(@"\s*[(（\[]\s*(?:(?:arxiv[:：]?\s*)?\d{4}\.\d{4,5}(?:v\d+)?|\d{4}(?:[-/.]\d{1,2}){1,2})\s*[)）\]]\s*[.。]?$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex TrailingIdentifierOrDate();

    [GeneratedRegex(@"^(?:(?:no\.?|#|第)\s*\d{1,4}\s*[篇章]?\s*[.．、:：)\]]?|[\[(（【]\s*\d{1,4}\s*[\])）】]|\d{1,4}(?:[.．、:：)](?!\d)|\s*[篇章]))\s*", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^(?:https?://\S+|\S+\.(?:org|com|io|net)/\S*|(?:arxiv[:：]?\s*)?\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|[\d\s.,:;/|()\-–—]+)$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex NotATitle();

    /// <summary>How a labelled line reads: its label's kind, and the value after the label.</summary>
    internal enum LabelKind
    {
        /// <summary>No known label.</summary>
        None,

        /// <summary>A title label.</summary>
        Title,

        /// <summary>An abstract label.</summary>
        Abstract,

        /// <summary>A metadata label.</summary>
        Metadata,
    }

    /// <summary>Reads a known label at the start of a line (<c>Label: value</c>, any colon).</summary>
    /// <param name="line">The plain line.</param>
    /// <param name="value">The value after the label, or the whole line.</param>
    /// <returns>The label's kind.</returns>
    public static LabelKind Label(string line, out string value)
    {
        value = line;
        var colon = line.AsSpan().IndexOfAny(':', '：');
        if (colon < 0 || colon > 40)
        {
            return LabelKind.None;
        }

        var m = LabelLine().Match(line);
        if (!m.Success)
        {
            return LabelKind.None;
        }

        var label = Strip(m.Groups["label"].Value).Trim().TrimStart('-', '*', '+', '>', ' ').Trim();
        var paren = label.IndexOfAny(['(', '（']);
        if (paren > 0)
        {
            label = label[..paren].Trim(); // '요약 (영문)', 'Summary (EN)'
        }

        value = m.Groups["value"].Value.Trim();
        var kind = KnownKind(label);
        if (kind == LabelKind.None && label.Length <= 12 && label.EndsWith("链接", StringComparison.Ordinal))
        {
            kind = LabelKind.Metadata;
        }

        if (kind == LabelKind.None)
        {
            value = line;
        }

        return kind;
    }

    /// <summary>Whether a table's column header names the paper itself, so that its cells are the papers' titles.</summary>
    public static bool NamesPaper(string header) => PaperColumnWords.Contains(Strip(header).Trim().TrimEnd(':', '：').Trim());

    /// <summary>The kind of a column header or a field label written alone (<c>Title</c>, <c>摘要</c>, <c>🔗</c>).</summary>
    public static LabelKind KindOfLabel(string label)
    {
        var l = Strip(label).Trim().TrimEnd(':', '：').Trim();
        if (l.Length == 0)
        {
            return LabelKind.Metadata;
        }

        var kind = KnownKind(l);
        if (kind != LabelKind.None)
        {
            return kind;
        }

        return l.Contains("要点", StringComparison.Ordinal) || l.Contains("summary", StringComparison.OrdinalIgnoreCase) ? LabelKind.Abstract
            : l is "#" or "no" or "no." or "序号" or "编号" || l.Length <= 2 && !l.Any(IsCjk) ? LabelKind.Metadata
            : LabelKind.None;
    }

    /// <summary>Whether a short text is a label word alone (<c>PDF</c>, <c>论文</c>, <c>abs</c>).</summary>
    public static bool IsLabelWord(string text) => KnownLabels.ContainsKey(Strip(text).Trim().TrimEnd(':', '：').Trim());

    /// <summary>
    /// A title candidate cleaned: entry numbering (<c>1.</c>, <c>[1]</c>, <c>1)</c>, <c>No.1</c>, <c>第1篇</c>), leading emoji,
    /// a leading identifier set off by a dash (<c>2401.00001 — Title</c>), a trailing identifier or date in brackets, and a
    /// trailing decoration that starts with an emoji (<c>📦代码</c>) removed, whitespace collapsed.
    /// </summary>
    public static string Clean(string text)
    {
        var s = HtmlText.CollapseWhitespace(text).Trim();
        s = StripLeadingSymbols(s);
        var m = Numbering().Match(s);
        if (m.Success && m.Length < s.Length)
        {
            s = s[m.Length..];
        }

        s = StripLeadingSymbols(s);
        var lead = LeadingIdentifier().Match(s);
        if (lead.Success && lead.Length < s.Length - 1)
        {
            // '2401.00001 — Title': the identifier is the paper link's, not part of the title.
            s = StripLeadingSymbols(s[lead.Length..]);
        }

        s = CutTrailingDecoration(s);

        // '[Title] (URL)' (a link broken by a space) or 'Title https://…': the URL is a link, not part of the title.
        s = TrailingUrl().Replace(s, "");
        s = TrailingScore().Replace(s, ""); // 'Title (评分: 7.5)', 'Title (Score: 8/10)'
        var trail = TrailingIdentifierOrDate().Match(s);
        if (trail.Success && trail.Index > 1)
        {
            s = s[..trail.Index]; // 'Title (2401.00001)', 'Title (2024-12-27).'
        }

        if (s.Length > 2 && s[0] == '[' && s[^1] == ']' && s.IndexOf(']', StringComparison.Ordinal) == s.Length - 1)
        {
            s = s[1..^1];
        }

        return s.Trim().Trim('*', '_', '`').Trim();
    }

    /// <summary>Which title, if any, a cleaned candidate is, by its script.</summary>
    public static LineRole RoleOf(string cleaned)
    {
        if (cleaned.Length < 2 || NotATitle().IsMatch(cleaned) || IsLabelWord(cleaned))
        {
            return LineRole.None;
        }

        int cjk = 0, latin = 0, vietnamese = 0;
        foreach (var c in cleaned)
        {
            if (IsCjk(c))
            {
                cjk++;
            }
            else if (char.IsLetter(c) && c < 0x2000)
            {
                latin++;
                if (IsVietnamese(c))
                {
                    vietnamese++;
                }
            }
        }

        if (cjk >= 2 && !NavigationWords.Contains(cleaned.TrimEnd(' ', '→', '>', '»', '.', '…')))
        {
            return LineRole.TranslatedTitle;
        }

        if (latin >= 2 && cjk == 0 || latin >= 2 && latin > cjk * 3)
        {
            return vietnamese >= 2 ? LineRole.TranslatedTitle : LineRole.Title;
        }

        return LineRole.None;
    }

    /// <summary>Whether a text has more Chinese, Japanese or Korean letters than Latin ones.</summary>
    public static bool IsMostlyCjk(string text)
    {
        int cjk = 0, latin = 0;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk++;
            }
            else if (char.IsLetter(c) && c < 0x2000)
            {
                latin++;
            }
        }

        return cjk > latin;
    }

    /// <summary>Whether a character is Chinese, Japanese or Korean script.</summary>
    public static bool IsCjk(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
        or (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') or (>= '\uF900' and <= '\uFAFF');

    private static bool IsVietnamese(char c) => c is (>= '\u1EA0' and <= '\u1EF9') or 'ư' or 'Ư' or 'ơ' or 'Ơ' or 'đ' or 'Đ' or 'ă' or 'Ă';

    /// <summary>Splits a line that holds both titles (<c>EN / ZH</c>, <c>EN | ZH</c>, <c>EN（ZH）</c>) into its parts; one part otherwise.</summary>
    public static IEnumerable<string> SplitBilingual(string line)
    {
        line = TrailingScore().Replace(line, "");
        foreach (var sep in new[] { " / ", " | ", "｜", " ｜ ", " // ", " — ", " – ", "<br>" })
        {
            var at = line.IndexOf(sep, StringComparison.Ordinal);
            if (at > 0)
            {
                var left = Clean(line[..at]);
                var right = Clean(line[(at + sep.Length)..]);
                var lr = RoleOf(left);
                var rr = RoleOf(right);
                if (lr != LineRole.None && rr != LineRole.None && lr != rr)
                {
                    return [left, right];
                }
            }
        }

        // 'English Title（中文标题）' or '中文标题 (English Title)'.
        var trimmed = line.TrimEnd();
        if (trimmed.Length > 4 && (trimmed[^1] is ')' or '）'))
        {
            var open = trimmed.LastIndexOfAny(['(', '（']);
            if (open > 0)
            {
                var outer = Clean(trimmed[..open]);
                var inner = Clean(trimmed[(open + 1)..^1]);
                var or = RoleOf(outer);
                var ir = RoleOf(inner);
                if (or != LineRole.None && ir != LineRole.None && or != ir && inner.Length >= 6)
                {
                    return [outer, inner];
                }
            }
        }

        return [line];
    }

    /// <summary>Whether a line reads as prose (an abstract sentence) rather than a title.</summary>
    public static bool IsProse(string cleaned)
    {
        if (cleaned.Length > 300)
        {
            return true;
        }

        var sentenceEnds = 0;
        foreach (var c in cleaned)
        {
            if (c is '。' or '！' or '？')
            {
                sentenceEnds++;
            }
        }

        if (sentenceEnds > 0 && !(sentenceEnds == 1 && cleaned[^1] is '。' or '！' or '？' && cleaned.Length < 60))
        {
            return true;
        }

        return cleaned.Length > 160 && cleaned.Count(c => c == ' ') > 25 && cleaned.Contains(". ", StringComparison.Ordinal);
    }

    private static string StripLeadingSymbols(string s)
    {
        var i = 0;
        while (i < s.Length && (IsDecoration(s, i) || char.IsWhiteSpace(s[i]) || s[i] is '*' or '_' or '`'))
        {
            i += char.IsSurrogatePair(s, i) ? 2 : 1;
        }

        return s[i..];
    }

    /// <summary>Cuts a trailing part that starts with an emoji or symbol after the title's text (<c>Title 📦代码</c>, <c>Title ⭐ 120</c>).</summary>
    private static string CutTrailingDecoration(string s)
    {
        for (var i = s.Length / 3; i < s.Length; i++)
        {
            if (IsDecoration(s, i) && i > 0 && char.IsWhiteSpace(s[i - 1]))
            {
                return s[..i].TrimEnd();
            }
        }

        return s;
    }

    private static bool IsDecoration(string s, int i)
    {
        var c = s[i];
        if (c is '\uFE0F' or '\u200D' or '\u20E3')
        {
            return true;
        }

        var cat = char.IsSurrogatePair(s, i) ? CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(s[i], s[i + 1])) : CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.OtherSymbol || char.IsHighSurrogate(c) && cat is UnicodeCategory.Surrogate;
    }

    private static string Strip(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (IsDecoration(s, i))
            {
                if (char.IsSurrogatePair(s, i))
                {
                    i++;
                }

                continue;
            }

            if (s[i] is not ('*' or '_' or '`' or '[' or ']'))
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }
}
