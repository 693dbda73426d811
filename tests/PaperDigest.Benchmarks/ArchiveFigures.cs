using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PaperDigest.Archive;
using PaperDigest.Parsing;

namespace PaperDigest.Benchmarks;

/// <summary>
/// <c>archive DIR [ROUNDS]</c>: the index and search figures of docs/performance.md, measured in one process so the two
/// sides share a warm runtime: the parse of every file (in parallel, as <c>index</c> reads them) against a fresh index of
/// the same files, an unchanged re-index, and warm search latency for a set of queries. Each step is given in wall time and
/// in the process's CPU time (user + system) during it: on a shared machine the CPU ratio is the one that holds still.
/// </summary>
public static class ArchiveFigures
{
    private static readonly string[] Queries =
    [
        "speculative decoding", "test-time scaling", "推测解码", "强化学习", "reasoning", "title:scaling", "diffusion date:2024",
        "\"chain of thought\"", "模型", "long context", "id:2501.19393", "agent benchmark",
    ];

    public static int Run(string[] args)
    {
        var dir = args[0];
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var files = Inputs.ArchiveFiles(dir);
        var work = Directory.CreateTempSubdirectory("pd-archive-figures-").FullName;
        try
        {
            Console.WriteLine($"{files.Length} files; {rounds} rounds, alternating; best and median wall time, and CPU time (user + system)");
            var parse = new List<(double Wall, double Cpu)>();
            // A third argument "words" leaves the trigram tokenizer out (a quicker run).
            var index = new Dictionary<SearchTokenizer, List<(double Wall, double Cpu)>> { [SearchTokenizer.WordsAndCjkCharacters] = [] };
            if (args.Length <= 2 || args[2] != "words")
            {
                index[SearchTokenizer.Trigram] = [];
            }

            var reindex = new List<(double Wall, double Cpu)>();
            for (var r = 0; r < rounds; r++)
            {
                parse.Add(Measure(() => Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f => DigestParser.Default.Parse(File.ReadAllBytes(f), f))));
                foreach (var tokenizer in index.Keys)
                {
                    var db = Path.Combine(work, $"{tokenizer}-{r}.db");
                    using var archive = ArchiveIndex.Open(db, tokenizer);
                    index[tokenizer].Add(Measure(() => archive.IndexAsync(files).GetAwaiter().GetResult()));
                    if (tokenizer == SearchTokenizer.WordsAndCjkCharacters)
                    {
                        reindex.Add(Measure(() => archive.IndexAsync(files).GetAwaiter().GetResult()));
                    }
                }

                SqliteConnection.ClearAllPools();
            }

            Report("parse (parallel, no output)", parse, null);
            foreach (var (tokenizer, times) in index)
            {
                Report($"index, {tokenizer}", times, parse);
            }

            Report("re-index, nothing changed", reindex, parse);

            foreach (var tokenizer in index.Keys)
            {
                using var archive = ArchiveIndex.Open(Path.Combine(work, $"{tokenizer}-0.db"));
                foreach (var q in Queries)
                {
                    archive.Search(q);
                }

                var each = new List<double>();
                for (var r = 0; r < 20; r++)
                {
                    foreach (var q in Queries)
                    {
                        each.Add(Time(() => archive.Search(q)));
                    }
                }

                each.Sort();
                var size = new FileInfo(Path.Combine(work, $"{tokenizer}-0.db")).Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search, {tokenizer}, warm, {each.Count} queries: median {each[each.Count / 2] * 1000:0.0} ms, p95 {each[(int)(each.Count * 0.95)] * 1000:0.0} ms, max {each[^1] * 1000:0.0} ms; database {size / 1e6:0.0} MB"));
                foreach (var q in Queries)
                {
                    var t = new List<double>();
                    for (var r = 0; r < 5; r++)
                    {
                        t.Add(Time(() => archive.Search(q)));
                    }

                    t.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {q,-24} {t[2] * 1000,7:0.0} ms  {archive.Search(q, 1000).Count,5} hits"));
                }
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, true);
        }
    }

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    private static (double Wall, double Cpu) Measure(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Report(string name, List<(double Wall, double Cpu)> times, List<(double Wall, double Cpu)>? baseline)
    {
        foreach (var (kind, pick) in new (string, Func<(double Wall, double Cpu), double>)[] { ("wall", t => t.Wall), ("cpu", t => t.Cpu) })
        {
            var sorted = times.Select(pick).Order().ToList();
            var line = string.Create(CultureInfo.InvariantCulture, $"{name + ", " + kind,-42} best {sorted[0]:0.000} s  median {sorted[sorted.Count / 2]:0.000} s");
            if (baseline is not null)
            {
                var b = baseline.Select(pick).Order().ToList();
                line += string.Create(CultureInfo.InvariantCulture, $"  = {sorted[0] / b[0]:0.00}x parse (best), {sorted[sorted.Count / 2] / b[b.Count / 2]:0.00}x (median)");
            }

            Console.WriteLine(line);
        }
    }
}
