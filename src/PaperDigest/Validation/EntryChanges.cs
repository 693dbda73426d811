using PaperDigest.Model;

namespace PaperDigest.Validation;

/// <summary>
/// Which entries of a document are new or changed compared with an earlier version of it. Entries are matched by arXiv
/// identifier, else by title; a matched entry is changed when its content differs.
/// </summary>
public static class EntryChanges
{
    /// <summary>The entries of <paramref name="after"/> that are new or changed since <paramref name="before"/>.</summary>
    /// <param name="before">The earlier version; <see langword="null"/> when the file is new (every entry is new).</param>
    /// <param name="after">The current version.</param>
    /// <returns>The new or changed entries, compared by reference.</returns>
    public static IReadOnlySet<DigestEntry> NewOrChanged(DigestDocument? before, DigestDocument after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var result = new HashSet<DigestEntry>(ReferenceEqualityComparer.Instance);
        if (before is null)
        {
            result.UnionWith(after.Entries);
            return result;
        }

        var old = new Dictionary<string, List<DigestEntry>>(StringComparer.Ordinal);
        foreach (var e in before.Entries)
        {
            var key = Baseline.EntryKey(e)!;
            if (!old.TryGetValue(key, out var list))
            {
                old[key] = list = [];
            }

            list.Add(e);
        }

        foreach (var e in after.Entries)
        {
            if (!old.TryGetValue(Baseline.EntryKey(e)!, out var candidates) || !candidates.Any(c => c.ContentEquals(e)))
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>
    /// Keeps the findings in new or changed entries; findings outside any entry are kept only for a new file.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="before">Each file's earlier version; <see langword="null"/> when the file is new.</param>
    /// <returns>A new report.</returns>
    public static ValidationReport OnlyChanged(ValidationReport report, Func<FileValidation, DigestDocument?> before)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(before);
        var changedByFile = new Dictionary<FileValidation, (IReadOnlySet<DigestEntry> Entries, bool IsNew)>(ReferenceEqualityComparer.Instance);
        foreach (var file in report.Files)
        {
            var old = before(file);
            changedByFile[file] = (NewOrChanged(old, file.Source.Document), old is null);
        }

        return report.Where((file, f) =>
        {
            var (entries, isNew) = changedByFile[file];
            var entry = file.Source.EntryAt(f.Diagnostic.Span.StartOffset);
            return entry is null ? isNew : entries.Contains(entry);
        });
    }
}
