using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;

namespace PaperDigest.Tests.Layouts;

/// <summary>
/// Every real file (vendored under Corpus/real, or opt-in from the shared folder): the layout detected, the number of entries, how many have an arXiv identifier and
/// how many have both titles, and a few entries checked field by field against values read by hand from the files.
/// </summary>
public sealed class RealCorpusTests
{
    public static TheoryData<string, string, int, int, int> Figures => new()
    {
        { "2404589803__hf-daily-paper-newsletter-chinese__newsletters_2025-01-08_daily_paper.md", "translated-heading-fields", 15, 0, 15 },
        { "AtharvaDomale__Daily-HuggingFace-AI-Papers__README.md", "details-summary", 26, 26, 0 },
        { "EllenLiu2019__EllenLiu2019__data_zh_20260820.md", "translated-heading-list", 3, 3, 0 },
        { "Vincentqyw__cv-arxiv-daily__docs_wechat.md", "bullet-line", 839, 839, 0 },
        { "amusi__CVPR2025-Papers-with-Code__README.md", "bold-title-list", 70, 69, 0 },
        { "greasebig__daily-video-papers__agent_papers_2026-07-02.md", "heading-bilingual", 20, 20, 20 },
        { "hiwei93__hf-daily-papers-newsletter__20230919-hf-daily-papers.md", "heading-paper-page", 17, 17, 0 },
        { "shuita2333__Arxiv-daily-paper__papers_2026-04-08.md", "numbered-link-fields", 241, 241, 0 },
        { "springmin__HuggingArxivLLM__papers_2024-04_README.md", "link-index", 456, 0, 456 },
        { "tmgthb__Autonomous-Agents__resources_Autonomous_Agents_Research_Papers_2024.md", "link-paragraph", 1086, 1069, 0 },
        { "xianshang33__llm-paper-daily__README.md", "table-row", 648, 647, 0 },
        { "xmkxabc__daily-arXiv-ai-enhanced__data_2025-05-15.md", "bracket-number-link", 124, 124, 0 },
        { "zezhishao__DailyArXiv__README.md", "table-row", 251, 251, 0 },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void Parse_RealFile_ReadsEveryPaper(string file, string layout, int entries, int withArxiv, int withBothTitles)
    {
        var doc = Parse(file);

        doc.Layout.Should().Be(layout);
        doc.Entries.Should().HaveCount(entries);
        doc.Entries.Count(e => e.ArxivId is not null).Should().Be(withArxiv);
        doc.Entries.Count(e => e.Title.Length > 0 && e.TranslatedTitle.Length > 0).Should().Be(withBothTitles);
        doc.Diagnostics.Should().NotContain(d => d.Id == DiagnosticIds.UnrecognisedLayout || d.Id == DiagnosticIds.NoEntries);
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void Parse_RealFile_ArxivIdsAppearInTheirEntries(string file, string layout, int entries, int withArxiv, int withBothTitles)
    {
        _ = (layout, entries, withArxiv, withBothTitles);
        var text = File.ReadAllText(SharedFiles.RealFile(file));
        var doc = DigestParser.Default.Parse(text, file);

        foreach (var e in doc.Entries.Where(e => e.ArxivId is not null))
        {
            text[e.Span.StartOffset..e.Span.EndOffset].Should().Contain(e.ArxivId!.Value.Value, "entry '{0}' must name the ID it was given", e.Title);
            e.Url.Should().NotBeEmpty();
        }

        doc.Entries.Should().OnlyContain(e => e.Title.Length > 0 || e.TranslatedTitle.Length > 0 || e.Url.Length > 0);
    }

    [Fact]
    public void Parse_TranslatedHeadingFields_ReadsWrappedOriginalTitle()
    {
        var doc = Parse("2404589803__hf-daily-paper-newsletter-chinese__newsletters_2025-01-08_daily_paper.md");

        var first = doc.Entries[0];
        first.TranslatedTitle.Should().Be("REINFORCE++：一种简单高效的大型语言模型对齐方法");
        first.Title.Should().Be("REINFORCE++: A Simple and Efficient Approach for Aligning Large Language Models");
        first.ArxivId.Should().BeNull();
        first.Url.Should().BeEmpty();
        first.Abstract.Should().StartWith("基于人类反馈的强化学习（RLHF）已成为").And.EndWith("获取。");
        var last = doc.Entries[14];
        last.TranslatedTitle.Should().Be("面向文本引导图像到图像扩散模型的通用来源识别");
        last.Title.Should().Be("Generalizable Origin Identification for Text-Guided Image-to-Image Diffusion Models");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.TitleWrapped);
        doc.Diagnostics.Count(d => d.Id == DiagnosticIds.EmptyLink).Should().Be(15);
    }

    [Fact]
    public void Parse_DetailsSummary_ReadsTitleLinksAndQuotedAbstract()
    {
        var doc = Parse("AtharvaDomale__Daily-HuggingFace-AI-Papers__README.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("EnvHarness: Awakening Static Worlds for Agent Learning");
        first.ArxivId!.Value.Value.Should().Be("2608.19880");
        first.Url.Should().Be("https://arxiv.org/abs/2608.19880");
        first.Abstract.Should().Be("webpage: https://envharness.com/ code are all released.");
        first.Links.Should().Contain(l => l.Kind == LinkKind.GitHubRepository && l.Owner == "google-research" && l.Repo == "envharness");
        var e17 = doc.Entries[16];
        e17.Title.Should().Be("τ_0-VLA: a Hierarchical Robot Foundation Model with World-Model-Guided Test-Time Computation");
        doc.Entries[25].Title.Should().Be("FlowEvo: Self-Evolving Agents through the Co-Evolution of Workflows and Executable Skills");
    }

    [Fact]
    public void Parse_TranslatedHeadingList_ReadsBareUrlAndAbstract()
    {
        var doc = Parse("EllenLiu2019__EllenLiu2019__data_zh_20260820.md");

        var first = doc.Entries[0];
        first.Title.Should().BeEmpty();
        first.TranslatedTitle.Should().Be("用于放射学报告结构化与质量保证的多智能体AI系统，并包含独立放射科医生评估");
        first.Url.Should().Be("http://arxiv.org/abs/2608.18072v1");
        first.ArxivId.Should().Be(ArxivId.Create("2608.18072", 1));
        first.Abstract.Should().StartWith("目的：开发并评估一种本地部署的多智能体AI系统");
        doc.Entries[1].TranslatedTitle.Should().Be("论自我改进智能体的脆弱性：方差、任务顺序与欠规格化");
        doc.Entries[1].ArxivId!.Value.Value.Should().Be("2608.18066");
    }

    [Fact]
    public void Parse_BulletLine_ReadsTitleAndVersionedPaperLink()
    {
        var doc = Parse("Vincentqyw__cv-arxiv-daily__docs_wechat.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("MVRackLay: Monocular Multi-View Layout Estimation for Warehouse Racks and Shelves");
        first.ArxivId.Should().Be(ArxivId.Create("2211.16882", 1));
        first.Url.Should().Be("http://arxiv.org/abs/2211.16882v1");
        var second = doc.Entries[1];
        second.Title.Should().Be("PatchMatch-Stereo-Panorama, a fast dense reconstruction from 360° video images");
        second.ArxivId!.Value.Value.Should().Be("2211.16266");
        second.Links.Should().Contain(l => l.Kind == LinkKind.GitHubRepository && l.Url == "https://github.com/roblabwh/patchmatch");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.DuplicateArxivIdInFile);
    }

    [Fact]
    public void Parse_BoldTitleList_ReadsPaperAndCodeLines()
    {
        var doc = Parse("amusi__CVPR2025-Papers-with-Code__README.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("SpiritSight Agent: Advanced GUI Agent with One Look");
        first.ArxivId!.Value.Value.Should().Be("2503.03196");
        first.Url.Should().Be("https://arxiv.org/abs/2503.03196");
        var lsnet = doc.Entries.Single(e => e.Title == "LSNet: See Large, Focus Small");
        lsnet.ArxivId!.Value.Value.Should().Be("2503.23135");
        lsnet.Links.Should().Contain(l => l.Url == "https://github.com/jameslahm/lsnet");
        var hsmr = doc.Entries.Single(e => e.Title == "Reconstructing Humans with a Biomechanically Accurate Skeleton");
        hsmr.ArxivId.Should().BeNull();
        doc.Entries[^1].Title.Should().Be("EVOS: Efficient Implicit Neural Training via EVOlutionary Selector");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.CodeLinkIsPaper);
    }

    [Fact]
    public void Parse_HeadingBilingual_SplitsTitlesAndReadsDetailsAbstract()
    {
        var doc = Parse("greasebig__daily-video-papers__agent_papers_2026-07-02.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("Cheap Code, Costly Judgment: A Case Study on Governable Agentic Software Engineering");
        first.TranslatedTitle.Should().Be("廉价代码，昂贵判断：可治理代理软件工程案例研究");
        first.ArxivId.Should().Be(ArxivId.Create("2607.01087", 1));
        first.Url.Should().Be("http://arxiv.org/abs/2607.01087v1");
        first.Abstract.Should().StartWith("Generative AI is shifting software engineering").And.Contain("生成式人工智能正在将软件工程");
        var last = doc.Entries[19];
        last.Title.Should().Be("Dual-Informed Vertical Expansion for Multi-Objective Node Selection in Anytime Conflict-Based Search");
        last.TranslatedTitle.Should().Be("随时基于冲突的搜索中多目标节点选择的双信息垂直扩展");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.RepairedUrl).And.Contain(d => d.Id == DiagnosticIds.ZeroWidthSpace);
    }

    [Fact]
    public void Parse_HeadingPaperPage_ReadsHuggingFaceLink()
    {
        var doc = Parse("hiwei93__hf-daily-papers-newsletter__20230919-hf-daily-papers.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("CulturaX: A Cleaned, Enormous, and Multilingual Dataset for Large Language Models in 167 Languages");
        first.ArxivId!.Value.Value.Should().Be("2309.09400");
        first.Url.Should().Be("https://huggingface.co/papers/2309.09400");
        first.Abstract.Should().StartWith("一、本文主要工作").And.NotContain("到 Huggingface 论文主页查看详情");
        var last = doc.Entries[^1];
        last.Title.Should().Be("Enhance audio generation controllability through representation similarity regularization");
        last.ArxivId!.Value.Value.Should().Be("2309.08773");
    }

    [Fact]
    public void Parse_NumberedLinkFields_ReadsHeadingLinkAndQuotedAbstract()
    {
        var doc = Parse("shuita2333__Arxiv-daily-paper__papers_2026-04-08.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("AICCE: AI Driven Compliance Checker Engine");
        first.ArxivId!.Value.Value.Should().Be("2604.03330");
        first.Abstract.Should().StartWith("For digital infrastructure to be safe, compatible, and standards-aligned").And.NotContain("作者");
        var last = doc.Entries[240];
        last.Title.Should().Be("Relative Density Ratio Optimization for Stable and Statistically Consistent Model Alignment");
        last.ArxivId!.Value.Value.Should().Be("2604.04410");
    }

    [Fact]
    public void Parse_LinkIndex_ReadsBothTitlesAndLocalPage()
    {
        var doc = Parse("springmin__HuggingArxivLLM__papers_2024-04_README.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("Adversarial Attacks and Defense for Conversation Entailment Task");
        first.TranslatedTitle.Should().Be("对话蕴含任务的对抗性攻击与防御策略");
        first.Url.Should().Be("2024年04月30日/Adversarial_Attacks_and_Defense_for_Conversation_Entailment_Task.md");
        first.ArxivId.Should().BeNull();
        var last = doc.Entries[^1];
        last.Title.Should().Be("Meta Prompting for AI Systems");
        last.TranslatedTitle.Should().Be("探索元提示技术在人工智能系统中的运用");
    }

    [Fact]
    public void Parse_LinkParagraph_ReadsEntriesAndReportsDefects()
    {
        var doc = Parse("tmgthb__Autonomous-Agents__resources_Autonomous_Agents_Research_Papers_2024.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("Enhancing LLM Reasoning with Reward-guided Tree Search");
        first.ArxivId!.Value.Value.Should().Be("2411.11694");
        first.Abstract.Should().StartWith("STILL-1 (Slow Thinking with LLMs): A reward-guided tree search framework");
        var wrapped = doc.Entries.Single(e => e.Title == "Measuring the Persuasiveness of Language Models");
        wrapped.Url.Should().Be("https://www.anthropic.com/news/measuring-model-persuasiveness");
        wrapped.ArxivId.Should().BeNull();
        var empty = doc.Entries.Single(e => e.Title == "MEEL: Multi-Modal Event Evolution Learning");
        empty.Url.Should().BeEmpty();
        var braced = doc.Entries.Single(e => e.Title.StartsWith("Let's Think Dot by Dot", StringComparison.Ordinal));
        braced.Title.Should().Be("Let's Think Dot by Dot: Hidden Computation in Transformer Language Models");
        braced.ArxivId!.Value.Value.Should().Be("2404.15758");
        doc.Diagnostics.Count(d => d.Id == DiagnosticIds.TemplatePlaceholder).Should().Be(21);
        doc.Diagnostics.Count(d => d.Id == DiagnosticIds.EmptyLink).Should().Be(5);
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.DuplicateArxivIdInFile);
    }

    [Fact]
    public void Parse_TableRow_ReadsBadgeLinksAndSubSummary()
    {
        var doc = Parse("xianshang33__llm-paper-daily__README.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("SeaLLMs 3: Open Foundation and Chat Multilingual Large Language Models for Southeast Asian Languages");
        first.ArxivId.Should().Be(ArxivId.Create("2407.19672", 1));
        first.Url.Should().Be("http://arxiv.org/pdf/2407.19672v1");
        first.Abstract.Should().StartWith("机构: DAMO Academy, Alibaba Group\nSeaLLMs 3是专为东南亚多语言环境设计的大型语言模型");
        var openai = doc.Entries.Single(e => e.Title == "WEAK-TO-STRONG GENERALIZATION: ELICITING STRONG CAPABILITIES WITH WEAK SUPERVISION");
        openai.ArxivId.Should().BeNull();
        openai.Url.Should().Be("https://cdn.openai.com/papers/weak-to-strong-generalization.pdf");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.BadgeLinkText);
    }

    [Fact]
    public void Parse_TableRow_ReadsTitleLinkAndDetailsAbstract()
    {
        var doc = Parse("zezhishao__DailyArXiv__README.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("Lévy Attention: Single-Pass Predictive Uncertainty for Continuous-Time Attention");
        first.ArxivId.Should().Be(ArxivId.Create("2608.19171", 1));
        first.Url.Should().Be("https://arxiv.org/abs/2608.19171v1");
        first.Abstract.Should().StartWith("Deep models for irregularly-sampled time series answer queries").And.NotContain("Show");
        var last = doc.Entries[^1];
        last.Title.Should().Be("Topology-Aware Reasoning over Incomplete Knowledge Graph with Graph-Based Soft Prompting");
        last.ArxivId.Should().Be(ArxivId.Create("2604.12503", 2));
    }

    [Fact]
    public void Parse_BracketNumberLink_ReadsHeadingLinkAndEnglishAbstract()
    {
        var doc = Parse("xmkxabc__daily-arXiv-ai-enhanced__data_2025-05-15.md");

        var first = doc.Entries[0];
        first.Title.Should().Be("Graph-based Online Monitoring of Train Driver States via Facial and Skeletal Features");
        first.ArxivId!.Value.Value.Should().Be("2505.08800");
        first.Abstract.Should().StartWith("Driver fatigue poses a significant challenge to railway safety, with\ntraditional systems");
        first.Abstract.Should().NotContain("TL;DR");
        var last = doc.Entries[123];
        last.Title.Should().Be("Focus, Merge, Rank: Improved Question Answering Based on Semi-structured Knowledge Bases");
        last.ArxivId!.Value.Value.Should().Be("2505.09246");
        doc.Diagnostics.Should().Contain(d => d.Id == DiagnosticIds.RepairedUrl);
    }

    [Fact]
    public void Parse_Seed_StillReadWithCanonicalLayout()
    {
        var doc = DigestParser.Default.ParseFile(SharedFiles.SeedPath);

        doc.Layout.Should().Be("heading-link");
        doc.Entries.Should().HaveCount(19);
        doc.Entries.Should().OnlyContain(e => e.ArxivId != null && e.Title.Length > 0 && e.TranslatedTitle.Length > 0);
    }

    private static DigestDocument Parse(string file)
    {
        return DigestParser.Default.ParseFile(SharedFiles.RealFile(file));
    }
}
