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
        var files = Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
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
                        DigestReadContext.TitleText(h.Inline);
                    }
                }
            });
            Measure("BlocksText (paragraphs)", i => ForAbstracts(i, (c, blocks) => DigestReadContext.BlocksText(blocks)));
            Measure("BlocksMarkdown (paragraphs)", i => ForAbstracts(i, (c, blocks) => c.BlocksMarkdown(blocks)));
            Measure("CollectLinks (paragraphs)", i => ForAbstracts(i, (c, blocks) => c.CollectLinks(blocks)));
            Measure("heading-link Read", i => HeadingLinkLayoutRead(i));
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
