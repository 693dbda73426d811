using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Running;
using Markdig;
using PaperDigest.Benchmarks;

// dotnet run -c Release --project tests/PaperDigest.Benchmarks -- [BenchmarkDotNet arguments]   the benchmarks
// ... -- make-archive DIR [FILES] [ENTRIES-PER-FILE]                                              builds a test archive
// ... -- markdig-only DIR                                                                          the baseline program
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

if (args.Length >= 2 && args[0] == "markdig-only")
{
    // The baseline for the CLI: read every *.md file and Markdig-parse it, in parallel, and nothing else.
    var sw = Stopwatch.StartNew();
    var paths = Directory.EnumerateFiles(args[1], "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
    long blocks = 0;
    Parallel.ForEach(paths, path =>
    {
        var doc = Markdown.Parse(File.ReadAllText(path));
        Interlocked.Add(ref blocks, doc.Count);
    });
    Console.WriteLine($"{paths.Length} files, {blocks} top-level blocks, {sw.Elapsed.TotalSeconds:F2} s");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);
return 0;
