using PaperDigest.Parsing;

namespace PaperDigest.Cli;

/// <summary>
/// Start-up work moved off the critical path: while the main thread builds the command line and resolves the inputs, a
/// background thread parses a small digest and writes it as JSON, so the code the first real file needs is compiled by
/// then. It has no effect on output; any failure is ignored (the real run will meet and report it).
/// </summary>
internal static class Warmup
{
    private const string Sample =
        "# 2025-02-04\n\n## Warm-up: A Paper Title\n[预热：一个论文标题](https://arxiv.org/abs/2502.00001)\n\n摘要第一段，提到 https://github.com/owner/repo 。\n\n" +
        "第二段 with *emphasis* and [a link](https://example.org/project).\n\n## Second Paper\n[第二篇论文](https://arxiv.org/abs/2502.00002v2)\n\n另一段摘要。\n";

    /// <summary>Starts the warm-up for commands that parse digests; does nothing for the others.</summary>
    /// <param name="args">The command-line arguments.</param>
    public static void StartFor(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("parse" or "validate" or "fmt" or "enrich") || Environment.ProcessorCount < 2)
        {
            return;
        }

        _ = Task.Run(() => Run());
    }

    /// <summary>Parses the sample and writes it as JSON; the document, or <see langword="null"/> if anything failed.</summary>
    internal static Model.DigestDocument? Run()
    {
        try
        {
            var doc = DigestParser.Default.Parse(Sample, "warm-up.md");
            Serialization.DigestJson.SerializeEntriesToUtf8(doc, "\n"u8, terminate: true);
            return doc;
        }
        catch (Exception)
        {
            // Only a head start: whatever went wrong here, the real run meets and reports it.
            return null;
        }
    }
}
