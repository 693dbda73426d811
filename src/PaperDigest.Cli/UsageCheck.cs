using System.CommandLine;
using System.CommandLine.Parsing;

namespace PaperDigest.Cli;

/// <summary>
/// The usage errors System.CommandLine lets through: a token that starts with <c>-</c> but names no option would be read as an
/// input path (<c>fmt --chek archive/</c> rewrote files), and an unknown command name gets no suggestion. Both are reported
/// with the nearest name, before anything is read or written. A path that really starts with <c>-</c> goes after <c>--</c>.
/// </summary>
internal static class UsageCheck
{
    /// <summary>The usage errors of a parse, each a full sentence (with a suggestion where one is close), or none.</summary>
    public static IReadOnlyList<string> Find(ParseResult parseResult)
    {
        var problems = new List<string>();
        var command = parseResult.CommandResult.Command;
        var consumedByOptions = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        CollectOptionTokens(parseResult.RootCommandResult, consumedByOptions);
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value) && !consumedByOptions.Contains(token))
            {
                var name = token.Value.Split('=', ':')[0];
                problems.Add($"unknown option '{token.Value}' for '{PathOf(parseResult.CommandResult)}'.{Suggest(name, OptionNames(parseResult.CommandResult))}");
            }
        }

        if (problems.Count == 0 && command.Subcommands.Count > 0 && parseResult.UnmatchedTokens.Count > 0 && !LooksLikeOption(parseResult.UnmatchedTokens[0]))
        {
            var unknown = parseResult.UnmatchedTokens[0];
            var names = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
            problems.Add($"unknown command '{unknown}' for '{PathOf(parseResult.CommandResult)}'.{Suggest(unknown, names)}");
        }

        return problems;
    }

    /// <summary>The command line that names a command: <c>paperdigest validate</c>.</summary>
    public static string PathOf(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Parent is null ? "paperdigest" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>" Did you mean 'x'?" for the candidates nearest to a mistyped name, or "" when none is near.</summary>
    internal static string Suggest(string typed, IEnumerable<string> candidates)
    {
        if (typed.TrimStart('-').Length < 2)
        {
            // One letter is near every other short alias; after '--' it can only be a two-letter long option missing a letter.
            var two = typed.StartsWith("--", StringComparison.Ordinal)
                ? candidates.Distinct(StringComparer.Ordinal).Where(c => c.StartsWith("--", StringComparison.Ordinal) && c.Length == 4 && Distance(typed, c) == 1).ToList()
                : [];
            return two.Count == 0 ? "" : $" Did you mean {string.Join(" or ", two.Select(n => $"'{n}'"))}?";
        }

        var best = int.MaxValue;
        var nearest = new List<string>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var distance = candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && typed.TrimStart('-').Length >= 2
                ? 1
                : Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance > Math.Max(1, candidate.TrimStart('-').Length / 3))
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                nearest.Clear();
            }

            if (distance == best)
            {
                nearest.Add(candidate);
            }
        }

        return nearest.Count == 0 ? "" : $" Did you mean {string.Join(" or ", nearest.Select(n => $"'{n}'"))}?";
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static void CollectOptionTokens(CommandResult result, HashSet<Token> tokens)
    {
        foreach (var child in result.Children)
        {
            switch (child)
            {
                case OptionResult option:
                    foreach (var token in option.Tokens)
                    {
                        tokens.Add(token);
                    }

                    break;
                case CommandResult sub:
                    CollectOptionTokens(sub, tokens);
                    break;
            }
        }
    }

    /// <summary>The options a command accepts: its own and the recursive ones of the commands above it (<c>--help</c>).</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is not CommandResult c)
            {
                continue;
            }

            foreach (var option in c.Command.Options.Where(o => !o.Hidden && (c == result || o.Recursive)))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }

    /// <summary>The optimal string alignment distance: edits, with two swapped neighbours counting as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
