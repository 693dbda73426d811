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
    /// <summary>The pipeline <see cref="DigestParser"/> uses (precise source locations, pipe tables), for what it costs alone.</summary>
    private static readonly MarkdownPipeline DigestPipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UsePipeTables().Build();

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

    [Benchmark(Description = "Markdig.Markdown.Parse, the parser's pipeline")]
    public object PipelineMarkdig() => Markdown.Parse(_text, DigestPipeline);

    [Benchmark(Description = "DigestParser.Parse")]
    public object DigestParse() => DigestParser.Default.Parse(_text);
}
