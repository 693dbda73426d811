using System.CommandLine;
using PaperDigest.Parsing;

namespace PaperDigest.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Inputs() => new("inputs")
    {
        Description = "Digest files, directories (walked for *.md, sorted) or - for standard input.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string> Layout()
    {
        var option = new Option<string>("--layout")
        {
            Description = "The layout to read files with, or auto to detect it per file. Known: auto, " + string.Join(", ", DigestLayouts.All.Select(l => l.Name)) + ".",
            DefaultValueFactory = _ => DigestParserOptions.AutoLayout,
            HelpName = "name",
        };
        option.CompletionSources.Add([DigestParserOptions.AutoLayout, .. DigestLayouts.All.Select(l => l.Name)]);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !string.Equals(value, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase) && DigestLayouts.Find(value) is null)
            {
                result.AddError($"Unknown layout '{value}'. Known layouts: auto, {string.Join(", ", DigestLayouts.All.Select(l => l.Name))}.");
            }
        });
        return option;
    }

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Say on stderr which layout each file was read with." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print no diagnostics or progress on stderr (errors about inputs are still printed)." };
}
