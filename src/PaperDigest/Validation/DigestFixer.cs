using PaperDigest.Parsing;

namespace PaperDigest.Validation;

/// <summary>How <see cref="DigestFixer.FixAsync"/> parses, validates and chooses what to fix.</summary>
public sealed class DigestFixOptions
{
    /// <summary>Parses the fixed texts. <value>The default value is <see cref="DigestParser.Default"/>.</value></summary>
    public DigestParser Parser { get; init; } = DigestParser.Default;

    /// <summary>Validates the fixed texts again. <value>The default value is <see cref="DigestValidator.Default"/>.</value></summary>
    public DigestValidator Validator { get; init; } = DigestValidator.Default;

    /// <summary>The rule settings of each document. <value>The default value is <see langword="null"/>: the defaults.</value></summary>
    public Func<DigestSource, RuleSettings>? SettingsFor { get; init; }

    /// <summary>
    /// Narrows, before each pass, the findings whose fixes are applied (such as to the entries changed since a git
    /// revision); <see langword="null"/> from it stops fixing. <value>The default value is <see langword="null"/>: every finding.</value>
    /// </summary>
    public Func<ValidationReport, CancellationToken, ValueTask<ValidationReport?>>? Fixable { get; init; }

    /// <summary>
    /// The most passes. Overlapping edits wait for the next pass; three settle everything the built-in rules fix.
    /// <value>The default value is 3.</value>
    /// </summary>
    public int MaxPasses { get; init; } = 3;
}

/// <summary>A file's text after a pass of fixes, to be written where it came from.</summary>
/// <param name="path">The file's path.</param>
/// <param name="text">The fixed text.</param>
/// <param name="pass">The pass, from 0.</param>
public sealed class FixedFile(string path, string text, int pass)
{
    /// <summary>The file's path, as the document records it.</summary>
    public string Path { get; } = path;

    /// <summary>The fixed text.</summary>
    public string Text { get; } = text;

    /// <summary>The pass, from 0: a file fixed again in a later pass is written again.</summary>
    public int Pass { get; } = pass;
}

/// <summary>Applies the safe fixes of a report (<c>validate --fix</c>) and validates again until nothing changes.</summary>
public static class DigestFixer
{
    /// <summary>
    /// Applies each file's fixes, hands every changed file to <paramref name="writeAsync"/>, then validates the changed set
    /// again, up to <see cref="DigestFixOptions.MaxPasses"/> times or until a pass changes nothing. Documents read from
    /// standard input (no path, or <c>-</c>) are not fixed.
    /// </summary>
    /// <param name="report">The report of the documents as they are.</param>
    /// <param name="writeAsync">Writes a fixed file; <see langword="false"/> when it could not, which keeps the file's old text.</param>
    /// <param name="options">The parser, validator, settings and filter; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The report of the documents as they are after the fixes.</returns>
    public static async Task<ValidationReport> FixAsync(ValidationReport report, Func<FixedFile, CancellationToken, ValueTask<bool>> writeAsync, DigestFixOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writeAsync);
        options ??= new DigestFixOptions();
        for (var pass = 0; pass < options.MaxPasses; pass++)
        {
            var changed = false;
            var fixable = report;
            if (options.Fixable is not null)
            {
                var narrowed = await options.Fixable(report, cancellationToken).ConfigureAwait(false);
                if (narrowed is null)
                {
                    return report;
                }

                fixable = narrowed;
            }

            var sources = new List<DigestSource>(report.Files.Count);
            for (var i = 0; i < report.Files.Count; i++)
            {
                var source = report.Files[i].Source;
                var edits = fixable.Files[i].Findings.SelectMany(f => f.Fix).ToList();
                var path = source.Path;
                var text = edits.Count == 0 || path is null or "-" ? source.Text : TextEdit.Apply(source.Text, edits);
                if (path is null || ReferenceEquals(text, source.Text) || text == source.Text
                    || !await writeAsync(new FixedFile(path, text, pass), cancellationToken).ConfigureAwait(false))
                {
                    sources.Add(source);
                    continue;
                }

                changed = true;
                sources.Add(DigestSource.Parse(options.Parser, text, path));
            }

            if (!changed)
            {
                break;
            }

            report = await options.Validator.ValidateAsync(sources, options.SettingsFor, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }
}
