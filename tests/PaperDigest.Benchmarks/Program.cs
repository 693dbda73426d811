using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Running;
using Markdig;
using PaperDigest.Benchmarks;

// dotnet run -c Release --project tests/PaperDigest.Benchmarks -- [BenchmarkDotNet arguments]   the benchmarks
// ... -- make-archive DIR [FILES] [ENTRIES-PER-FILE]   builds a test archive
// ... -- markdig-only DIR                              the baseline program for the CLI
// ... -- digest-only DIR                               the same shape with the digest parse and the CLI's JSON
// ... -- corpus DIR                                    real files against Markdig
// ... -- parts DIR                                     what each step of the parse costs
// ... -- profile DIR [ROUNDS]                          a steady loop for a profiler (perf, dotnet-trace)
// ... -- breakdown DIR [--layouts]                     where the CLI's time goes
// ... -- archive DIR [ROUNDS] [words]                  index against parse, and warm search latency (PaperDigest.Archive)
if (args.Length >= 2 && args[0] == "archive")
{
    return ArchiveFigures.Run(args[1..]);
}

if (args.Length >= 2 && args[0] == "make-archive")
{
    var files = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
    var perFile = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
    Directory.CreateDirectory(args[1]);
    var serial = 0;
    long bytes = 0;
    for (var f = 0; f < files; f++)
    {
        var day = new DateOnly(2023, 1, 1).AddDays(f);
        var path = Path.Combine(args[1], $"{day:yyyy-MM-dd}.md");
        var text = Inputs.Digest(perFile, ref serial, $"{day:yyyy-MM-dd} 论文速递");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        bytes += new FileInfo(path).Length;
    }

    Console.WriteLine($"{files} files, {serial} entries, {bytes / 1e6:F1} MB in {args[1]}");
    return 0;
}

if (args.Length >= 2 && args[0] is "markdig-only" or "digest-only")
{
    // markdig-only is the baseline for the CLI: read every *.md file and Markdig-parse it, in parallel, and nothing else.
    // digest-only has the same shape with the digest parse and the CLI's JSON in its place: how far the CLI's own pipeline
    // (ordered output, writing) is from the work itself.
    var digest = args[0] == "digest-only";
    var sw = Stopwatch.StartNew();
    var paths = Inputs.ArchiveFiles(args[1]);
    long count = 0;
    Parallel.ForEach(paths, path =>
    {
        if (!digest)
        {
            Interlocked.Add(ref count, Markdown.Parse(File.ReadAllText(path)).Count);
            return;
        }

        var doc = PaperDigest.Parsing.DigestParser.Default.Parse(File.ReadAllBytes(path), path);
        using var writer = new System.Text.Json.Utf8JsonWriter(new System.Buffers.ArrayBufferWriter<byte>(), PaperDigest.Serialization.DigestJson.WriterOptions);
        Inputs.WriteEntries(doc, writer);
        Interlocked.Add(ref count, doc.Entries.Count);
    });
    Console.WriteLine($"{paths.Length} files, {count} {(digest ? "entries" : "top-level blocks")}, {sw.Elapsed.TotalSeconds:F2} s");
    return 0;
}

if (args.Length >= 2 && args[0] == "corpus")
{
    // Each real-world file (*.md in DIR): bare Markdig against the digest parse, one thread, best of nine alternating
    // rounds of enough repetitions to last about 100 ms, after a warm-up.
    var paths = Inputs.ArchiveFiles(args[1], recursive: false);
    double totalMarkdig = 0, totalDigest = 0;
    // The floor: what any reader of the file must spend whatever its own code costs, namely Markdig with the parser's
    // pipeline plus AngleSharp over the HTML the layouts have to read (HTML blocks, table cells holding HTML).
    double totalFloor = 0;
    Console.WriteLine("| file | KB | layout | Markdig (ms) | DigestParser (ms) | ratio | floor: pipeline + AngleSharp (ms) | floor ratio |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var path in paths)
    {
        var bytes = File.ReadAllBytes(path);
        var doc = PaperDigest.Parsing.DigestParser.Default.Parse(bytes);
        var reps = 1;
        var once = Time(() => PaperDigest.Parsing.DigestParser.Default.Parse(bytes), 5);
        reps = Math.Max(1, (int)(100 / Math.Max(0.01, once)));
        // Alternate the two, so a busy moment on the machine hits both alike; keep the best of each.
        var html = Inputs.HtmlToRead(Encoding.UTF8.GetString(bytes));
        Action markdigWork = () => Markdown.Parse(Encoding.UTF8.GetString(bytes));
        Action digestWork = () => PaperDigest.Parsing.DigestParser.Default.Parse(bytes);
        Action floorWork = () =>
        {
            PaperDigest.Parsing.DigestParser.ParseMarkdown(Encoding.UTF8.GetString(bytes));
            foreach (var fragment in html)
            {
                PaperDigest.Parsing.HtmlText.ParseFragment(fragment);
            }
        };
        Time(markdigWork, reps);
        Time(digestWork, reps);
        Time(floorWork, reps);
        double markdig = double.MaxValue, digest = double.MaxValue, floor = double.MaxValue;
        for (var round = 0; round < 9; round++)
        {
            markdig = Math.Min(markdig, Time(markdigWork, reps));
            digest = Math.Min(digest, Time(digestWork, reps));
            floor = Math.Min(floor, Time(floorWork, reps));
        }

        totalMarkdig += markdig;
        totalDigest += digest;
        totalFloor += floor;
        Console.WriteLine($"| {Path.GetFileName(path)} | {bytes.Length / 1024} | {doc.Layout} | {markdig:F3} | {digest:F3} | {digest / markdig:F2}x | {floor:F3} | {floor / markdig:F2}x |");
    }

    Console.WriteLine($"| total | | | {totalMarkdig:F3} | {totalDigest:F3} | {totalDigest / totalMarkdig:F2}x | {totalFloor:F3} | {totalFloor / totalMarkdig:F2}x |");
    return 0;

    static double Time(Action work, int reps)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++)
        {
            work();
        }

        return sw.Elapsed.TotalMilliseconds / reps;
    }
}

if (args.Length >= 2 && args[0] == "parts")
{
    Parts.Run(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "profile")
{
    // A steady loop for a sampling profiler (dotnet-trace): the digest parse of every file, ten rounds.
    var files = Inputs.ArchiveFiles(args[1]).Select(File.ReadAllBytes).ToArray();
    var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var sw = Stopwatch.StartNew();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var bytes in files)
        {
            PaperDigest.Parsing.DigestParser.Default.Parse(bytes);
        }
    }

    Console.WriteLine($"{rounds} rounds, {sw.Elapsed.TotalMilliseconds / rounds:F0} ms each");
    return 0;
}

if (args.Length >= 2 && args[0] == "breakdown")
{
    // One thread, every file; each measurement is the best of five rounds, the rounds interleaved so that a busy moment
    // on the machine hits every line alike: bare Markdig, the digest parse, and the digest parse plus the CLI's JSON.
    var files = Inputs.ArchiveFiles(args[1]).Select(File.ReadAllBytes).ToArray();
    var digestPipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UsePipeTables().Build();
    var forced = new PaperDigest.Parsing.DigestParser(new PaperDigest.Parsing.DigestParserOptions { Layout = PaperDigest.Parsing.DigestParser.Default.Parse(files[0]).Layout });
    var lines = new List<(string Name, Action<byte[]> Work)>
    {
        ("Markdig.Markdown.Parse", bytes => Markdown.Parse(Encoding.UTF8.GetString(bytes))),
        ("  UTF-8 decode only", bytes => Encoding.UTF8.GetString(bytes)),
        ("  Markdig, the parser's pipeline (precise locations, pipe tables)", bytes => Markdown.Parse(Encoding.UTF8.GetString(bytes), digestPipeline)),
        ("  DigestParser.Parse, layout forced (no detection)", bytes => forced.Parse(bytes)),
        ("DigestParser.Parse", bytes => PaperDigest.Parsing.DigestParser.Default.Parse(bytes)),
        ("DigestParser.Parse + DigestJson.Serialize", bytes =>
        {
            var doc = PaperDigest.Parsing.DigestParser.Default.Parse(bytes);
            using var writer = new System.Text.Json.Utf8JsonWriter(new System.Buffers.ArrayBufferWriter<byte>(), PaperDigest.Serialization.DigestJson.WriterOptions);
            Inputs.WriteEntries(doc, writer);
        }),
    };

    if (args.Length > 2 && args[2] == "--layouts")
    {
        // What each layout's detection pass costs: the parse with the canonical layout and one other, against the
        // canonical layout alone.
        var all = PaperDigest.Parsing.DigestLayouts.All;
        foreach (var other in all)
        {
            var parser = new PaperDigest.Parsing.DigestParser(new PaperDigest.Parsing.DigestParserOptions { Layouts = other == all[0] ? [all[0]] : [all[0], other] });
            lines.Add(($"  auto over [{all[0].Name}{(other == all[0] ? "" : ", " + other.Name)}]", bytes => parser.Parse(bytes)));
        }
    }

    var best = new double[lines.Count];
    var allocated = new long[lines.Count];
    Array.Fill(best, double.MaxValue);
    for (var round = 0; round < 6; round++)
    {
        for (var k = 0; k < lines.Count; k++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            foreach (var bytes in files)
            {
                lines[k].Work(bytes);
            }

            // Round 0 warms the JIT up and is not counted.
            if (round > 0)
            {
                best[k] = Math.Min(best[k], sw.Elapsed.TotalMilliseconds);
            }

            allocated[k] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    for (var k = 0; k < lines.Count; k++)
    {
        Console.WriteLine($"{lines[k].Name}: {best[k]:F0} ms ({best[k] / best[0]:F2}x), {allocated[k] / 1e6:F0} MB allocated");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);
return 0;
