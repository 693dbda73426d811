using BenchmarkDotNet.Attributes;
using Markdig;
using PaperDigest.Parsing;

namespace PaperDigest.Benchmarks;

/// <summary>
/// The whole digest parse (Markdig with precise source locations, entry reading, link scanning, diagnostics) against bare
/// <see cref="Markdown.Parse(string, MarkdownPipeline?, Markdig.Parsers.MarkdownParserContext?)"/> of the same text.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _text = "";

    /// <summary><c>seed</c>: the reference digest (19 entries, 26 KB); <c>large</c>: 2,000 entries (about 2.7 MB) built from it.</summary>
    [Params("seed", "large")]
    public string Input { get; set; } = "seed";

    [GlobalSetup]
    public void Setup()
    {
        var serial = 0;
        _text = Input == "seed" ? Inputs.Seed() : Inputs.Digest(2_000, ref serial, "2025-02-04");
    }

    [Benchmark(Baseline = true, Description = "Markdig.Markdown.Parse")]
    public object BareMarkdig() => Markdown.Parse(_text);

    [Benchmark(Description = "DigestParser.Parse")]
    public object DigestParse() => DigestParser.Default.Parse(_text);
}
