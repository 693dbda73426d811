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
            Description = "The layout to read files with, or auto to detect it per file (or use the layout of the nearest .paperdigest.json). Built in: auto, " + string.Join(", ", DigestLayouts.Names) + "; or a layout declared under \"layouts\" in .paperdigest.json.",
            DefaultValueFactory = _ => DigestParserOptions.AutoLayout,
            HelpName = "name",
        };
        option.CompletionSources.Add([DigestParserOptions.AutoLayout, .. DigestLayouts.Names]);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            // A name that is not built in may be declared in .paperdigest.json (checked once the inputs are known); one that
            // cannot be a layout name is a usage error here.
            if (value is not null && !string.Equals(value, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase) && !DigestLayouts.IsBuiltIn(value)
                && !System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z0-9][a-z0-9-]{0,63}$"))
            {
                result.AddError($"Unknown layout '{value}'. Built in: auto, {string.Join(", ", DigestLayouts.Names)}; a declared layout's name is lower-case letters, digits and '-'.");
            }
        });
        return option;
    }

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Say on stderr which layout each file was read with." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print no diagnostics or progress on stderr (errors about inputs are still printed)." };
}
