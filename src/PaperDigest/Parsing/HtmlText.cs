using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PaperDigest.Parsing;

/// <summary>Reads text and links out of raw HTML that Markdig hands over as HTML blocks and inlines, with AngleSharp.</summary>
internal static class HtmlText
{
    /// <summary>
    /// The AngleSharp parser, made on first use: most digests hold no HTML, and AngleSharp's set-up is a noticeable part
    /// of a short run's start-up, so the text helpers of this class must not pay for it.
    /// </summary>
    private static class Angle
    {
        public static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });
    }

    /// <summary>
    /// An empty document per thread whose only use is to own the <c>body</c> elements fragments are parsed into: building a
    /// whole document for each fragment cost more than parsing the fragment itself.
    /// </summary>
    [ThreadStatic]
    private static AngleSharp.Html.Dom.IHtmlDocument? t_owner;

    /// <summary>Parses an HTML fragment into nodes (within a <c>body</c>).</summary>
    /// <param name="html">The HTML.</param>
    /// <returns>The body element holding the fragment.</returns>
    public static IElement ParseFragment(string html)
    {
        var owner = t_owner ??= Angle.Parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        // A fresh, detached body element each time (callers may keep it): parsed with the same context as before.
        var body = owner.CreateElement("body");
        body.InnerHtml = html;
        return body;
    }

    /// <summary>The text of an HTML fragment: block elements and <c>&lt;br&gt;</c> become line breaks, whitespace inside a line is collapsed.</summary>
    /// <param name="html">The HTML.</param>
    /// <returns>The text, lines trimmed, at most one blank line between blocks.</returns>
    public static string ToText(string html) => ToText(ParseFragment(html));

    /// <summary>The text of an element; see <see cref="ToText(string)"/>.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The text.</returns>
    public static string ToText(INode node)
    {
        var sb = StringBuilderCache.Acquire();
        Append(node, sb);
        return NormaliseLines(StringBuilderCache.ToStringAndRelease(sb));
    }

    /// <summary>The links (<c>a[href]</c>) of a fragment, with their text.</summary>
    /// <param name="node">The node to search.</param>
    /// <returns>(href, text) pairs in document order.</returns>
    public static IReadOnlyList<(string Href, string Text)> Links(INode node)
    {
        var list = new List<(string, string)>();
        if (node is IElement e)
        {
            foreach (var a in e.QuerySelectorAll("a[href]"))
            {
                list.Add((a.GetAttribute("href") ?? "", CollapseWhitespace(a.TextContent)));
            }
        }

        return list;
    }

    /// <summary>Every character <see cref="CollapseWhitespace"/> changes or drops, except the plain space.</summary>
    private static readonly System.Buffers.SearchValues<char> Collapsible = System.Buffers.SearchValues.Create(
        "\t\n\v\f\r\u001C\u001D\u001E\u001F\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000"
        + "\u200B\uFEFF\u200C\u200D");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static string CollapseWhitespace(string s)
    {
        // Most titles and lines need no change: single spaces, nothing at the ends, no zero-width characters.
        if (s.Length == 0 || (s[0] != ' ' && s[^1] != ' ' && s.AsSpan().IndexOfAny(Collapsible) < 0 && !s.Contains("  ", StringComparison.Ordinal)))
        {
            return s;
        }

        var sb = StringBuilderCache.Acquire(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (c is '\u200B' or '\uFEFF' or '\u200C' or '\u200D')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return StringBuilderCache.ToStringAndRelease(sb);
    }

    internal static string NormaliseLines(string s)
    {
        var lines = s.Split('\n');
        var sb = new StringBuilder(s.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = CollapseWhitespace(raw);
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(blank > 0 ? "\n\n" : "\n");
            }

            blank = 0;
            sb.Append(line);
        }

        return sb.ToString();
    }

    private static void Append(INode node, StringBuilder sb)
    {
        // Iterative walk: HTML in digests can be deeply nested.
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((node, false));
        while (stack.Count > 0)
        {
            var (n, exit) = stack.Pop();
            if (exit)
            {
                if (IsBlock(n))
                {
                    sb.Append('\n');
                }

                continue;
            }

            switch (n)
            {
                case IText t:
                    sb.Append(t.Data);
                    continue;
                case IElement el:
                    var tag = el.LocalName;
                    if (tag is "script" or "style" or "template")
                    {
                        continue;
                    }

                    if (tag == "br")
                    {
                        sb.Append('\n');
                        continue;
                    }

                    if (tag == "img")
                    {
                        continue;
                    }

                    if (IsBlock(el))
                    {
                        sb.Append('\n');
                    }

                    if (tag is "td" or "th" && el.PreviousElementSibling is not null)
                    {
                        sb.Append(" | ");
                    }

                    break;
            }

            stack.Push((n, true));
            for (var c = n.LastChild; c is not null; c = c.PreviousSibling)
            {
                stack.Push((c, false));
            }
        }
    }

    private static bool IsBlock(INode n) => n is IElement e && e.LocalName is "p" or "div" or "li" or "tr" or "table" or "details" or "summary"
        or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "ul" or "ol" or "pre" or "section" or "article" or "header" or "footer";
}
