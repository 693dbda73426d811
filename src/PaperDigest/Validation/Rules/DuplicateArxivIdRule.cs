using PaperDigest.Model;

namespace PaperDigest.Validation.Rules;

/// <summary>
/// PD0105: the same arXiv identifier in two files validated together. Every occurrence is reported and names the other
/// places, so that the new one is reported whichever file sorts first. Repeats inside one file are PD0009.
/// </summary>
internal sealed class DuplicateArxivIdRule : IArchiveRule
{
    private const int MaxNamed = 3;

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = RuleCatalog.Find(RuleIds.DuplicateArxivId)!;

    /// <inheritdoc />
    public void Analyze(ArchiveRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var byId = new Dictionary<string, List<(DigestSource Source, SourceSpan LinkSpan)>>(StringComparer.Ordinal);
        foreach (var source in context.Sources)
        {
            foreach (var entry in source.Document.Entries)
            {
                if (entry.ArxivId is { } id)
                {
                    if (!byId.TryGetValue(id.Value, out var list))
                    {
                        byId[id.Value] = list = [];
                    }

                    list.Add((source, entry.LinkSpan));
                }
            }
        }

        foreach (var (id, places) in byId)
        {
            Report(context, id, places);
        }
    }

    /// <summary>Reports one identifier's places (in input order) when they are in more than one file.</summary>
    internal static void Report(ArchiveRuleContext context, string id, IReadOnlyList<(DigestSource Source, SourceSpan LinkSpan)> places)
    {
        if (places.Count < 2 || places.All(p => ReferenceEquals(p.Source, places[0].Source)))
        {
            return;
        }

        foreach (var (source, linkSpan) in places)
        {
            var others = places.Where(p => !ReferenceEquals(p.Source, source)).ToList();
            if (others.Count == 0)
            {
                continue;
            }

            var named = string.Join(", ", others.Take(MaxNamed).Select(p => $"{p.Source.Path ?? "-"}:{p.LinkSpan.StartLine}"));
            var more = others.Count > MaxNamed ? $" and {others.Count - MaxNamed} more" : "";
            context.Report(source, linkSpan, $"arXiv {id} is also listed at {named}{more}.", id);
        }
    }
}
