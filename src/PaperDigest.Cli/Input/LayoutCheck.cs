using PaperDigest.Parsing;
using PaperDigest.Validation;

namespace PaperDigest.Cli.Input;

/// <summary>
/// Before anything is read: the configuration of every input is valid (a bad layout definition is a configuration error,
/// exit 2), and a <c>--layout</c> that is not built in is declared in the configuration of every input.
/// </summary>
internal static class LayoutCheck
{
    public static async Task<bool> CheckAsync(string layout, IReadOnlyList<InputItem> items, TextWriter stderr, bool reportInvalidConfiguration = true)
    {
        var builtIn = string.Equals(layout, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase) || DigestLayouts.IsBuiltIn(layout);
        var resolver = new ValidationConfigResolver();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in items)
        {
            var dir = item.IsStdin ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(item.Path)) ?? "";
            if (!seen.Add(dir))
            {
                continue;
            }

            if (!resolver.TryResolve(item.IsStdin ? null : item.Path, out var config, out var errors))
            {
                if (reportInvalidConfiguration || !builtIn)
                {
                    foreach (var e in errors.Distinct())
                    {
                        if (reported.Add(e))
                        {
                            await stderr.WriteLineAsync($"error: {e}").ConfigureAwait(false);
                        }
                    }

                    ok = false;
                }

                continue;
            }

            if (!builtIn && !config.TryGetParserOptions(layout, out _, out var error))
            {
                if (reported.Add(error))
                {
                    await stderr.WriteLineAsync($"{(item.IsStdin ? "-" : item.Path)}: error: {error}").ConfigureAwait(false);
                }

                ok = false;
            }
        }

        if (!builtIn && (!ok || items.Count == 0))
        {
            if (items.Count == 0)
            {
                await stderr.WriteLineAsync($"error: Unknown layout '{layout}': it is not built in, and no input's .paperdigest.json declares it.").ConfigureAwait(false);
            }

            // An unknown layout is a usage error like any bad option value.
            await stderr.WriteLineAsync("Run 'paperdigest --help' for usage.").ConfigureAwait(false);
            return false;
        }

        return ok;
    }
}
