using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PaperDigest.Model;
using SourceSpan = PaperDigest.Model.SourceSpan;

namespace PaperDigest.Parsing;

/// <summary>
/// The links of blocks: Markdown links, autolinks, bare URLs and HTML anchors, classified into <see cref="DigestLink"/>s;
/// empty targets and repaired URLs are reported to the document's <see cref="DigestReadContext"/>.
/// </summary>
internal static class MarkdownLinks
{
    /// <summary>
    /// The links in blocks: Markdown links, autolinks, bare URLs (repaired and reported when broken) and HTML anchors,
    /// classified (arXiv, paper page, GitHub repository, project page, other).
    /// </summary>
    /// <param name="document">The document the blocks are of; empty targets and repaired URLs are reported to it.</param>
    /// <param name="blocks">The blocks to search.</param>
    /// <param name="arxivId">The entry's arXiv identifier, for diagnostics.</param>
    /// <returns>The links in source order.</returns>
    public static IReadOnlyList<DigestLink> Collect(DigestReadContext document, IEnumerable<Block> blocks, string? arxivId = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        List<DigestLink>? links = null;
        var stack = t_blockStack ??= new Stack<Block>();
        stack.Clear();
        if (blocks is IReadOnlyList<Block> list)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                stack.Push(list[i]);
            }
        }
        else
        {
            foreach (var top in blocks.Reverse())
            {
                stack.Push(top);
            }
        }

        while (stack.Count > 0)
        {
            var block = stack.Pop();
            switch (block)
            {
                case LeafBlock { Inline: { } inline } leaf:
                    CollectInlineLinks(document, leaf, inline, ref links, arxivId);
                    break;
                case HtmlBlock html:
                    var body = HtmlText.ParseFragment(document.SourceOf(html));
                    foreach (var (href, text) in HtmlText.Links(body))
                    {
                        if (href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                        {
                            (links ??= []).Add(MakeLink(href, href, text, document.Span(html), context: text));
                        }
                    }

                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--)
                    {
                        stack.Push(container[i]);
                    }

                    break;
            }
        }

        return links is null ? [] : links;
    }

    /// <summary>Classifies one URL into a <see cref="DigestLink"/>.</summary>
    /// <param name="url">The URL (repaired if it was broken).</param>
    /// <param name="original">The URL as written.</param>
    /// <param name="text">The link text.</param>
    /// <param name="span">Where the link is.</param>
    /// <param name="context">Text just before the link, used to recognise project pages ("项目主页", "project page").</param>
    /// <param name="repaired">Whether the URL was repaired.</param>
    /// <returns>The link.</returns>
    public static DigestLink MakeLink(string url, string original, string text, SourceSpan span, string context = "", bool repaired = false)
        => MakeLink(url, original, text, span, context.AsSpan(), repaired);

    /// <summary><see cref="MakeLink(string, string, string, SourceSpan, string, bool)"/> with the context as a span of the source, copied never.</summary>
    internal static DigestLink MakeLink(string url, string original, string text, SourceSpan span, ReadOnlySpan<char> context, bool repaired)
    {
        ArgumentNullException.ThrowIfNull(url);
        var kind = PaperUrl.TryParseArxiv(url, out var id);
        if (kind is PaperUrlKind.Arxiv or PaperUrlKind.PaperPage)
        {
            return new DigestLink
            {
                Url = url, OriginalUrl = original, Text = text, Span = span, Repaired = repaired, ArxivId = id,
                Kind = kind == PaperUrlKind.Arxiv ? LinkKind.Arxiv : LinkKind.PaperPage,
            };
        }

        if (PaperUrl.TryParseGitHub(url, out var owner, out var repo, out var normalised))
        {
            return new DigestLink { Url = normalised, OriginalUrl = original, Text = text, Span = span, Repaired = repaired, Kind = LinkKind.GitHubRepository, Owner = owner, Repo = repo };
        }

        var isProject = PaperUrl.IsProjectPageHost(url) || MentionsProjectPage(context) || MentionsProjectPage(text);
        return new DigestLink { Url = url, OriginalUrl = original, Text = text, Span = span, Repaired = repaired, Kind = isProject ? LinkKind.ProjectPage : LinkKind.Other };
    }

    private static bool MentionsProjectPage(ReadOnlySpan<char> context)
    {
        if (context.IsEmpty)
        {
            return false;
        }

        var tail = context.Length > 40 ? context[^40..] : context;
        return tail.Contains("项目", StringComparison.Ordinal) || tail.Contains("主页", StringComparison.Ordinal) || tail.Contains("网站", StringComparison.Ordinal)
            || tail.Contains("网页", StringComparison.Ordinal) || tail.Contains("project page", StringComparison.OrdinalIgnoreCase)
            || tail.Contains("project website", StringComparison.OrdinalIgnoreCase) || tail.Contains("homepage", StringComparison.OrdinalIgnoreCase)
            || tail.Contains("project:", StringComparison.OrdinalIgnoreCase);
    }

    private static void CollectInlineLinks(DigestReadContext document, LeafBlock leaf, ContainerInline root, ref List<DigestLink>? links, string? arxivId)
    {
        // Scratch lists reused on each thread (this method is not re-entered: nothing it calls collects links).
        var opaque = t_opaque ??= [];
        var found = t_found ??= [];
        var stack = t_linkStack ??= new Stack<Inline>();
        opaque.Clear();
        found.Clear();
        stack.Clear();
        MarkdownText.PushChildren(stack, root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case LinkInline link:
                    opaque.Add((link.Span.Start, link.Span.End + 1));
                    if (link.IsImage)
                    {
                        break;
                    }

                    var target = link.Url ?? "";
                    var text = MarkdownText.TitleText(link);
                    if (target.Length == 0)
                    {
                        document.Report(DiagnosticIds.EmptyLink, DiagnosticSeverity.Warning, $"Link '{MarkdownText.Shorten(text)}' has an empty target.", document.Span(link), arxivId);
                        break;
                    }

                    found.Add((link.Span.Start, MakeLink(target, target, text, document.Span(link), ContextBefore(document, leaf, link.Span.Start), false)));
                    break;
                case AutolinkInline auto:
                    opaque.Add((auto.Span.Start, auto.Span.End + 1));
                    if (!auto.IsEmail)
                    {
                        found.Add((auto.Span.Start, MakeLink(auto.Url, auto.Url, auto.Url, document.Span(auto), ContextBefore(document, leaf, auto.Span.Start), false)));
                    }

                    break;
                case CodeInline or HtmlInline:
                    opaque.Add((node.Span.Start, node.Span.End + 1));
                    break;
                case ContainerInline container:
                    MarkdownText.PushChildren(stack, container);
                    break;
            }
        }

        // Bare URLs in the gaps between opaque inlines.
        opaque.Sort();
        var pos = leaf.Span.Start;
        var end = Math.Min(document.Text.Length, leaf.Span.End + 1);
        List<BareUrl>? bare = null;
        foreach (var (s, e) in opaque)
        {
            if (s > pos)
            {
                bare = BareUrlScanner.Scan(document.Text, pos, Math.Min(s, end), bare);
            }

            pos = Math.Max(pos, e);
        }

        if (pos < end)
        {
            bare = BareUrlScanner.Scan(document.Text, pos, end, bare);
        }

        if (bare is not null)
        {
            foreach (var b in bare)
            {
                var span = document.Span(b.Start, b.End);
                if (b.Repaired)
                {
                    document.Report(DiagnosticIds.RepairedUrl, DiagnosticSeverity.Warning, $"Broken URL '{b.Written}' read as '{b.Url}'.", span, arxivId);
                }

                found.Add((b.Start, MakeLink(b.Url, b.Written, b.Written, span, ContextBefore(document, leaf, b.Start), b.Repaired)));
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        if (found.Count > 1)
        {
            found.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        links ??= new List<DigestLink>(found.Count);
        foreach (var (_, link) in found)
        {
            links.Add(link);
        }

        found.Clear();
    }

    private static ReadOnlySpan<char> ContextBefore(DigestReadContext document, LeafBlock leaf, int offset)
    {
        var start = Math.Max(leaf.Span.Start, offset - 40);
        return start < offset ? document.Text.AsSpan(start, offset - start) : default;
    }

    [ThreadStatic]
    private static List<(int Start, int End)>? t_opaque;

    /// <summary>The block stack of <see cref="Collect"/>, reused on each thread (nothing it calls collects links).</summary>
    [ThreadStatic]
    private static Stack<Block>? t_blockStack;

    [ThreadStatic]
    private static List<(int Start, DigestLink Link)>? t_found;

    [ThreadStatic]
    private static Stack<Inline>? t_linkStack;
}
