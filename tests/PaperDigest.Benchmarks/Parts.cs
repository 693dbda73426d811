using System.Diagnostics;
using Markdig.Syntax;
using PaperDigest.Model;
using PaperDigest.Parsing;

namespace PaperDigest.Benchmarks;

/// <summary>
/// What each step of the digest parse costs over a whole archive, one thread, each step timed alone on inputs prepared
/// beforehand (so the figures add up to roughly the whole parse). For finding where the time goes, not for quoting.
/// </summary>
internal static class Parts
{
    public static void Run(string dir)
    {
        var files = Inputs.ArchiveFiles(dir).Select(File.ReadAllBytes).ToArray();
        var texts = files.Select(b => SourceDecoder.Decode(b).Text).ToArray();
        var trees = texts.Select(DigestParser.ParseMarkdown).ToArray();
        var sources = texts.Select(t => new SourceText(t)).ToArray();
        var results = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            results.Clear();
            Measure("decode", i => SourceDecoder.Decode(files[i]));
            Measure("NestingGuard.Sanitize", i => NestingGuard.Sanitize(texts[i], []));
            Measure("SourceText", i => new SourceText(texts[i]));
            Measure("ArxivIdScan.Find (every identifier, for the accounting)", i => ArxivIdScan.Find(texts[i]));
            Measure("Markdig (pipeline)", i => DigestParser.ParseMarkdown(texts[i]));
            foreach (var layout in DigestLayouts.All)
            {
                Measure($"detect {layout.Name}", i => layout.Detect(Context(i)));
            }

            Measure("titles (TitleText of headings and links)", i =>
            {
                foreach (var b in trees[i])
                {
                    if (b is HeadingBlock h)
                    {
                        MarkdownText.TitleText(h.Inline);
                    }
                }
            });
            Measure("BlocksText (paragraphs)", i => ForAbstracts(i, (c, blocks) => MarkdownText.BlocksText(blocks)));
            Measure("BlocksMarkdown (paragraphs)", i => ForAbstracts(i, (c, blocks) => c.SourceMarkdown.BlocksMarkdown(blocks)));
            Measure("CollectLinks (paragraphs)", i => ForAbstracts(i, (c, blocks) => MarkdownLinks.Collect(c, blocks)));
            Measure("heading-link Read", i => HeadingLinkLayoutRead(i));
            Measure("  links: bare URL scan of paragraphs", i =>
            {
                foreach (var b in trees[i])
                {
                    if (b is ParagraphBlock p)
                    {
                        BareUrlScanner.Scan(texts[i], p.Span.Start, p.Span.End + 1);
                    }
                }
            });
            Measure("  links: walk inlines, TitleText, Span of links", i =>
            {
                var c = Context(i);
                foreach (var link in trees[i].Descendants<Markdig.Syntax.Inlines.LinkInline>())
                {
                    MarkdownText.TitleText(link);
                    c.Span(link);
                }
            });
            Measure("  links: MakeLink of every link", i =>
            {
                foreach (var link in trees[i].Descendants<Markdig.Syntax.Inlines.LinkInline>())
                {
                    MarkdownLinks.MakeLink(link.Url ?? "", link.Url ?? "", "text", default, "", false);
                }
            });
            Measure("  links: TryParseArxiv of every link", i =>
            {
                foreach (var link in trees[i].Descendants<Markdig.Syntax.Inlines.LinkInline>())
                {
                    PaperUrl.TryParseArxiv(link.Url ?? "", out _);
                }
            });
            Measure("  Descendants<LinkInline> alone", i =>
            {
                foreach (var link in trees[i].Descendants<Markdig.Syntax.Inlines.LinkInline>())
                {
                }
            });
        }

        var docs = files.Select(b => DigestParser.Default.Parse(b)).ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        var writer = new System.Text.Json.Utf8JsonWriter(buffer, PaperDigest.Serialization.DigestJson.WriterOptions);
        for (var round = 0; round < 3; round++)
        {
            Measure("json: DigestJson.Write", i =>
            {
                Inputs.WriteEntries(docs[i], writer);
                buffer.ResetWrittenCount();
            });
            Measure("json: EntryJson.From", i =>
            {
                foreach (var e in docs[i].Entries)
                {
                    PaperDigest.Serialization.EntryJson.From(e, "path.md");
                }
            });
            Measure("json: WriteStringValue of the two abstracts", i =>
            {
                foreach (var e in docs[i].Entries)
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(e.Abstract);
                    writer.WriteStringValue(e.AbstractMarkdown);
                    writer.WriteEndArray();
                    writer.Flush();
                    writer.Reset();
                    buffer.ResetWrittenCount();
                }
            });
            Measure("json: UTF-8 encode of the two abstracts", i =>
            {
                foreach (var e in docs[i].Entries)
                {
                    System.Text.Encoding.UTF8.GetBytes(e.Abstract, buffer.GetSpan(e.Abstract.Length * 3));
                    System.Text.Encoding.UTF8.GetBytes(e.AbstractMarkdown, buffer.GetSpan(e.AbstractMarkdown.Length * 3));
                }
            });
        }

        results.ForEach(Console.WriteLine);
        DigestReadContext Context(int i) => new(null, sources[i], trees[i], []);

        void ForAbstracts(int i, Action<DigestReadContext, List<Block>> work)
        {
            var c = Context(i);
            var list = new List<Block>();
            foreach (var b in trees[i])
            {
                if (b is ParagraphBlock p && true)
                {
                    list.Clear();
                    list.Add(p);
                    work(c, list);
                }
            }
        }

        void HeadingLinkLayoutRead(int i) => PaperDigest.Parsing.Layouts.HeadingLinkLayout.Instance.Read(Context(i));

        void Measure(string name, Action<int> work)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < files.Length; i++)
            {
                work(i);
            }

            results.Add($"{name}: {sw.Elapsed.TotalMilliseconds:F1} ms, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6:F0} MB");
        }
    }

}
