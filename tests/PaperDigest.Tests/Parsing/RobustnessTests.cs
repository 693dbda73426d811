using System.Diagnostics;
using System.Text;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Tests.Infrastructure;
using PaperDigest.Writing;

namespace PaperDigest.Tests.Parsing;

/// <summary>
/// Feeds generated and mutated inputs through parse, write and parse again: no exception may escape, no input may take
/// long, and wherever the first parse reported no error the second parse must give entries with equal content.
/// </summary>
public class RobustnessTests
{
    /// <summary>The number of inputs; <c>PAPERDIGEST_FUZZ_COUNT</c> raises it for a longer local run.</summary>
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("PAPERDIGEST_FUZZ_COUNT"), out var n) ? n : 100_000;

    private static readonly string[] Tokens =
    [
        "## ", "# ", "### ", "[", "]", "(", ")", "](", "](https://arxiv.org/abs/2501.19393)", "[译名](https://arxiv.org/abs/2502.01456v2)",
        "https://github.com/a/b", "https://github. com/a/b", "https: //github.com/c/d", "https://github.com/ e/f", "<https://x.org/y>",
        "<a@b.c>", "\n", "\n", "\n\n", "\n\n", "> ", "- ", "* ", "+ ", "1. ", "2) ", "*", "**", "_", "`", "```\n", "~~~", "<", ">", "#", "中文",
        "摘要", "。", "，", "）", "「", "」", "\\", "  \n", "|", " | ", "---\n", "===\n", "<div>", "</div>", "<br>", "&amp;", "&#x4e2d;", "![",
        "[^1]", "[ref]: https://x.org\n", "    ", "\t", " ", " ", "word", "Title", "\r\n", "\r", "\u00A0", "\u200B", "\uFEFF", "😀",
        "https://arxiv.org/abs/2513.99999", "[](https://arxiv.org/abs/2501.19393)", "[x]()", "<!-- c -->", "$$", "\\[", "\\]",
    ];

    [Fact]
    public async Task ParseWriteParse_HundredThousandGeneratedAndMutatedInputs_NeverThrowsAndRoundTrips()
    {
        var bases = Bases();
        var count = Count;
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        string? slowestInput = null;
        var withoutErrors = 0;

        var run = Task.Run(
            () =>
            {
                var random = new Random(20250204);
                for (var i = 0; i < count && failures.Count < 5; i++)
                {
                    var input = Generate(random, bases, i);
                    var sw = Stopwatch.StartNew();
                    var failure = Check(input, ref withoutErrors);
                    sw.Stop();
                    if (sw.Elapsed > slowest)
                    {
                        slowest = sw.Elapsed;
                        slowestInput = Show(input);
                    }

                    if (failure is not null)
                    {
                        failures.Add($"input #{i}: {failure}\n{Show(input)}");
                    }
                }
            },
            TestContext.Current.CancellationToken);

        // A hang fails the test with a TimeoutException instead of blocking the run.
        await run.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.True(failures.Count == 0, string.Join("\n=====\n", failures));
        slowest.Should().BeLessThan(TimeSpan.FromSeconds(10), $"no single small input should take long; the slowest was {slowestInput}");
        withoutErrors.Should().BeGreaterThan(count / 10, "enough inputs should parse without errors for the round trip to be tested");
    }

    private static string? Check(byte[] input, ref int withoutErrors)
    {
        try
        {
            var first = DigestParser.Default.Parse(input);
            var written = DigestWriter.Write(first);
            var second = DigestParser.Default.Parse(written);
            if (first.HasErrors)
            {
                return null;
            }

            withoutErrors++;
            // The writer writes the canonical layout. A file read with it must come back with every field equal; a file
            // read with another layout (whose paper and code links are fields of their own there, and whose abstract may
            // be plain text) must keep the fields the canonical layout carries.
            // (A preamble holding a level-2 heading is read as an entry once written in the canonical layout: such
            // conversions are not round trips, and fmt refuses files in other layouts for this reason. Likewise a preamble
            // that names a paper, which the other reading left out as a header and the canonical one may read as an entry.)
            var canonical = first.Layout == PaperDigest.Parsing.Layouts.HeadingLinkLayout.LayoutName;
            if (!canonical && first.Preamble.Contains("arxiv.org/", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            // The generic reading chooses its unit by the identifiers it accounts for; the canonical text written from a
            // reading of junk may offer it another unit. Such a pair is a conversion, not a round trip: the converter
            // (fmt --to canonical) checks it and refuses what does not read back. A canonical reading must still come back
            // canonical, below.
            if (!canonical && (first.Layout == "generic" || second.Layout == "generic"))
            {
                return null;
            }

            if (!canonical && first.Preamble.Split('\n').Any(l => l.TrimStart().StartsWith("##", StringComparison.Ordinal) || l.TrimStart().StartsWith("---", StringComparison.Ordinal) || l.TrimStart().StartsWith("===", StringComparison.Ordinal)))
            {
                return null;
            }

            if (second.Entries.Count != first.Entries.Count)
            {
                return $"entry count {first.Entries.Count} became {second.Entries.Count}; written:\n{written}";
            }

            for (var k = 0; k < first.Entries.Count; k++)
            {
                var a = first.Entries[k];
                var b = second.Entries[k];
                var same = canonical
                    ? a.ContentEquals(b)
                    : a.Title == b.Title && a.TranslatedTitle == b.TranslatedTitle && a.ArxivId == b.ArxivId && a.Url == b.Url;
                if (!same)
                {
                    return $"entry {k} changed:\n{Describe(first.Entries[k])}\nbecame\n{Describe(second.Entries[k])}\nwritten:\n{written}";
                }
            }

            if (canonical && second.HasErrors)
            {
                return $"the written text has errors: {string.Join("; ", second.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}\nwritten:\n{written}";
            }

            // Writing the entries again gives the same text (the preamble is kept as written, so it is left out here).
            var entriesOnce = DigestWriter.Write(new DigestDocument { Entries = first.Entries });
            var entriesTwice = DigestWriter.Write(new DigestDocument { Entries = second.Entries });
            return !canonical || entriesOnce == entriesTwice ? null : $"writing is not stable:\n{entriesOnce}\n---\n{entriesTwice}";
        }
        catch (Exception ex)
        {
            return ex.ToString();
        }
    }

    private static string Describe(DigestEntry e)
        => $"title={Quote(e.Title)} translated={Quote(e.TranslatedTitle)} id={e.ArxivId} url={Quote(e.Url)} abstract={Quote(e.Abstract)} md={Quote(e.AbstractMarkdown)} links=[{string.Join(", ", e.Links.Select(l => $"{l.Kind} {l.Url} '{l.Text}'"))}]";

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u00A0' or '\u2028' or '\u2029' or '\uFEFF' or '\u200B' or '\uFFFD' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    private static string Show(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        return Quote(text.Length > 600 ? text[..600] + "…" : text);
    }

    /// <summary>Small inputs to mutate: pieces of the seed (in the repository) and hand-written digests.</summary>
    private static List<string> Bases()
    {
        var bases = new List<string>
        {
            "# 2025-02-04\n\n前言。\n\n## s1: Simple test- time scaling\n[s1: 测试时间缩放研究](https://arxiv.org/abs/2501.19393)\n\n测试时间缩放是一种方法。\n访问 https://github.com/simplescaling/s1 即可。\n\n## LIMO: Less is More\n[LIMO：少即是多](https://arxiv.org/abs/2502.03387)  \n\n地址为[https://github.com/ GAIR-NLP/LIMO](https://github.com/GAIR-NLP/LIMO)。\n",
            "## *A* **B** `c`\n[译 [名]](https://arxiv.org/pdf/2502.01456v2.pdf)\n\n- 列表一\n- 列表二\n\n> 引用 https://x.org/a。\n\n1. 有序\n2. 列表\n",
            "## T\n[t](https://arxiv.org/abs/hep-th/9901001)\n\n代码：https://github. com/eddycmu/demystify-long-cot。\n\n项目网站：[https://a.github.io/](https://a.github.io/)\n",
        };

        {
            var seed = File.ReadAllText(SharedFiles.SeedPath);
            var entries = seed.Split("\n## ").Select((e, i) => i == 0 ? e : "## " + e).ToList();
            for (var i = 0; i + 1 < entries.Count; i += 3)
            {
                // Two entries, each abstract shortened, so that a hundred thousand runs stay quick.
                bases.Add(string.Concat(entries.Skip(i).Take(2).Select(e => e.Length > 400 ? e[..400] + "\n\n" : e)));
            }
        }

        return bases;
    }

    private static byte[] Generate(Random random, List<string> bases, int i)
    {
        var baseText = bases[random.Next(bases.Count)];
        switch (i % 8)
        {
            case 0:
                return Encoding.UTF8.GetBytes(Lines(random, baseText, (lines, r) => lines.RemoveAt(r.Next(lines.Count))));
            case 1:
                return Encoding.UTF8.GetBytes(Lines(random, baseText, (lines, r) => lines.Insert(r.Next(lines.Count), lines[r.Next(lines.Count)])));
            case 2:
                return Encoding.UTF8.GetBytes(Lines(random, baseText, (lines, r) =>
                {
                    var a = r.Next(lines.Count);
                    var b = r.Next(lines.Count);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                }));
            case 3:
                var bytes = Encoding.UTF8.GetBytes(baseText);
                return bytes[..random.Next(bytes.Length + 1)];
            case 4:
                var noise = new byte[random.Next(0, 120)];
                random.NextBytes(noise);
                if (random.Next(2) == 0)
                {
                    for (var k = 0; k < noise.Length; k++)
                    {
                        noise[k] = noise[k] == 0 ? (byte)'\n' : noise[k];
                    }
                }

                return noise;
            case 5:
                var sb = new StringBuilder();
                for (var k = random.Next(1, 40); k > 0; k--)
                {
                    sb.Append(Tokens[random.Next(Tokens.Length)]);
                }

                return Encoding.UTF8.GetBytes(sb.ToString());
            case 6:
                var text = new StringBuilder(baseText);
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    text.Insert(random.Next(text.Length + 1), Tokens[random.Next(Tokens.Length)]);
                }

                return Encoding.UTF8.GetBytes(text.ToString());
            default:
                var flipped = Encoding.UTF8.GetBytes(baseText);
                for (var k = random.Next(1, 4); k > 0 && flipped.Length > 0; k--)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(1, 256);
                }

                return flipped;
        }
    }

    private static string Lines(Random random, string text, Action<List<string>, Random> mutate)
    {
        var lines = text.Split('\n').ToList();
        for (var k = random.Next(1, 3); k > 0 && lines.Count > 0; k--)
        {
            mutate(lines, random);
        }

        return string.Join('\n', lines);
    }
}
