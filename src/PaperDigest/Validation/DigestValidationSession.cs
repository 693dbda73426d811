using System.Collections.Concurrent;
using PaperDigest.Model;
using PaperDigest.Validation.Rules;

namespace PaperDigest.Validation;

/// <summary>
/// A validation that takes documents one at a time (<see cref="DigestValidator.StartSession"/>), for archives too large to
/// hold: each document's own findings are made when it is added, and the session keeps of it only an outline (path and
/// layout, see <see cref="DigestSource.IsOutline"/>), its findings, and the arXiv identifiers and link positions the
/// duplicate rule (PD0105) needs. The report is the one <see cref="DigestValidator.Validate(IReadOnlyList{DigestSource}, Func{DigestSource, RuleSettings}?)"/>
/// gives, except that its sources are outlines. A validator with other archive rules needs whole documents: the session
/// then keeps them and validates them together at <see cref="Finish"/>. Asynchronous archive rules do not run here.
/// <see cref="Add"/> is thread-safe.
/// </summary>
public sealed class DigestValidationSession
{
    private readonly DigestValidator _owner;
    private readonly Func<DigestSource, RuleSettings>? _settingsFor;
    private readonly DuplicateArxivIdRule? _duplicates;
    private readonly bool _keepSources;
    private readonly ConcurrentDictionary<int, Added> _files = new();
    private readonly Lock _lock = new();
    // The first place of each identifier: new-style identifiers (2501.00001) packed into a number, others as text.
    private readonly Dictionary<long, Place> _firstPacked = [];
    private readonly Dictionary<string, Place> _first = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Place>> _repeated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _messages = new(StringComparer.Ordinal);
    private int _finished;

    internal DigestValidationSession(DigestValidator owner, Func<DigestSource, RuleSettings>? settingsFor)
    {
        _owner = owner;
        _settingsFor = settingsFor;
        _keepSources = owner.ArchiveRules.Any(r => r is not DuplicateArxivIdRule);
        _duplicates = owner.ArchiveRules.OfType<DuplicateArxivIdRule>().FirstOrDefault();
    }

    /// <summary>Adds a document: runs its own rules now and keeps only what the report and the archive rules need.</summary>
    /// <param name="position">The document's place in the report (each used once; the report is in ascending order).</param>
    /// <param name="source">The document.</param>
    /// <exception cref="ArgumentException">A document was already added at <paramref name="position"/>.</exception>
    /// <exception cref="InvalidOperationException">The session is finished.</exception>
    public void Add(int position, DigestSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (Volatile.Read(ref _finished) != 0)
        {
            throw new InvalidOperationException("The session is finished.");
        }

        Added added;
        if (_keepSources)
        {
            added = new Added(source, RuleSettings.Default, [], null);
        }
        else
        {
            var settings = _settingsFor?.Invoke(source) ?? RuleSettings.Default;
            var findings = _owner.AnalyzeDocument(source, settings);
            var suppressions = Suppressions.Parse(source);
            if (!suppressions.IsEmpty)
            {
                findings.RemoveAll(f => suppressions.IsSuppressed(f.Rule.Id, f.Diagnostic.Span));
            }

            if (_duplicates is not null && settings.IsEnabled(_duplicates.Descriptor))
            {
                lock (_lock)
                {
                    foreach (var entry in source.Document.Entries)
                    {
                        if (entry.ArxivId is { } id)
                        {
                            var place = new Place(position, entry.LinkSpan);
                            if (TryPack(id.Value, out var packed) ? !_firstPacked.TryAdd(packed, place) : !_first.TryAdd(id.Value, place))
                            {
                                if (!_repeated.TryGetValue(id.Value, out var more))
                                {
                                    _repeated[id.Value] = more = [];
                                }

                                more.Add(place);
                            }
                        }
                    }
                }
            }

            // Baseline keys of findings without an arXiv identifier need their entry: kept by offset.
            var outline = source.ToOutline(findings.Where(f => f.Diagnostic.ArxivId is not { Length: > 0 }).Select(f => f.Diagnostic.Span.StartOffset));
            added = new Added(outline, settings, Sorted([.. findings.Select(f => Kept.Of(f, outline.Path, _messages))]), suppressions.IsEmpty ? null : suppressions);
        }

        if (!_files.TryAdd(position, added))
        {
            throw new ArgumentException($"A document was already added at position {position}.", nameof(position));
        }
    }

    /// <summary>Runs the archive rules and makes the report; the session takes no more documents.</summary>
    /// <returns>The report, files in ascending position, with outlines for sources (or the documents, see the remarks above).</returns>
    /// <exception cref="InvalidOperationException">The session is already finished.</exception>
    public ValidationReport Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            throw new InvalidOperationException("The session is already finished.");
        }

        var positions = _files.Keys.Order().ToArray();
        var files = positions.Select(p => _files[p]).ToArray();
        if (_keepSources)
        {
            return _owner.Validate([.. files.Select(f => f.Source)], _settingsFor);
        }

        if (_duplicates is not null)
        {
            var byPosition = new Dictionary<int, Added>(positions.Length);
            var bySource = new Dictionary<DigestSource, Added>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < positions.Length; i++)
            {
                byPosition[positions[i]] = files[i];
                bySource[files[i].Source] = files[i];
            }

            var descriptor = _duplicates.Descriptor;
            var enabled = files.Where(f => f.Settings.IsEnabled(descriptor)).Select(f => f.Source).ToArray();
            var context = new ArchiveRuleContext(enabled, descriptor, s => bySource[s].Settings.OptionsOf(descriptor), (source, rule, diagnostic, fix) =>
            {
                var file = bySource[source];
                if (file.Suppressions is null || !file.Suppressions.IsSuppressed(rule.Id, diagnostic.Span))
                {
                    var one = new List<ValidationFinding>(1);
                    DigestValidator.AddFinding(one, file.Settings, rule, diagnostic, fix);
                    (file.Extra ??= []).AddRange(one.Select(f => Kept.Of(f, source.Path, _messages)));
                }
            });
            foreach (var (id, more) in _repeated)
            {
                var places = more.Prepend(TryPack(id, out var packed) ? _firstPacked[packed] : _first[id])
                    .OrderBy(p => p.Position).ThenBy(p => p.LinkSpan.StartOffset)
                    .Select(p => (byPosition[p.Position].Source, p.LinkSpan))
                    .ToList();
                DuplicateArxivIdRule.Report(context, id, places);
            }
        }

        return new ValidationReport
        {
            Files = [.. files.Select(f => new FileValidation { Source = f.Source, Findings = new KeptFindings(f.Source.Path, f.Extra is null ? f.Own : Sorted([.. f.Own, .. f.Extra])) })],
            Rules = _owner.Rules,
        };
    }

    /// <summary>Packs a new-style identifier (<c>YYMM.NNNN</c> or <c>YYMM.NNNNN</c>, no version) into one number.</summary>
    private static bool TryPack(string id, out long packed)
    {
        packed = 0;
        if (id.Length is not (9 or 10) || id[4] != '.')
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c != '.' && !char.IsAsciiDigit(c))
            {
                return false;
            }

            packed = c == '.' ? packed : (packed * 10) + (c - '0');
        }

        // The last digit says how many digits follow the dot (4 or 5): 2501.0001 and 2501.00001 differ.
        packed = (packed * 10) + (id.Length - 9);
        return packed != 0;
    }

    /// <summary>The identifier <see cref="TryPack"/> packed.</summary>
    private static string Unpack(long packed)
    {
        var length = (int)(packed % 10) + 9;
        var digits = (packed / 10).ToString("D" + (length - 1), System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(digits.AsSpan(0, 4), ".", digits.AsSpan(4));
    }

    private static Kept[] Sorted(Kept[] findings)
    {
        // Report order, as DigestValidator sorts: by offset, then rule identifier, stable.
        var order = new int[findings.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var (x, y) = (findings[a], findings[b]);
            var c = x.Span.StartOffset.CompareTo(y.Span.StartOffset);
            c = c != 0 ? c : string.CompareOrdinal(x.Rule.Id, y.Rule.Id);
            return c != 0 ? c : a.CompareTo(b);
        });
        return [.. order.Select(i => findings[i])];
    }

    private readonly record struct Place(int Position, SourceSpan LinkSpan);

    private sealed class Added(DigestSource source, RuleSettings settings, Kept[] own, Suppressions? suppressions)
    {
        public DigestSource Source { get; } = source;

        public RuleSettings Settings { get; } = settings;

        /// <summary>The document's own findings, in report order.</summary>
        public Kept[] Own { get; } = own;

        /// <summary>The archive rules' findings, if any.</summary>
        public List<Kept>? Extra { get; set; }

        public Suppressions? Suppressions { get; } = suppressions;
    }

    /// <summary>
    /// A finding as the session keeps it: its fields inline, without the two objects (finding and diagnostic) a report
    /// hands out, which <see cref="KeptFindings"/> makes when they are read. <c>Packed</c> holds the severity (two bits)
    /// and a new-style arXiv identifier packed into a number (see <see cref="TryPack"/>); <c>More</c> the one fix (a
    /// <see cref="TextEdit"/>), another identifier with the fix (<see cref="Unpacked"/>), or a finding that does not fit,
    /// kept whole.
    /// </summary>
    private readonly record struct Kept(RuleDescriptor Rule, string Message, SourceSpan Span, long Packed, object? More)
    {
        /// <summary>Keeps a finding; <paramref name="messages"/> shares equal messages (rules repeat theirs across files).</summary>
        public static Kept Of(ValidationFinding f, string? path, ConcurrentDictionary<string, string> messages)
        {
            var d = f.Diagnostic;
            if (d.Id != f.Rule.Id || d.Path != path || f.Fix.Count > 1 || d.Severity is < DiagnosticSeverity.Info or > DiagnosticSeverity.Error)
            {
                return new(f.Rule, d.Message, d.Span, 0, f);
            }

            var fix = f.Fix.Count == 1 ? f.Fix[0] : null;
            long id = 0;
            object? more = fix;
            if (d.ArxivId is { } arxivId && !TryPack(arxivId, out id))
            {
                more = new Unpacked(arxivId, fix);
            }

            return new(f.Rule, messages.GetOrAdd(d.Message, d.Message), d.Span, (id << 2) | (long)d.Severity, more);
        }

        public ValidationFinding ToFinding(string? path)
        {
            if (More is ValidationFinding whole)
            {
                return whole;
            }

            var unpacked = More as Unpacked;
            var fix = unpacked is null ? More as TextEdit : unpacked.Fix;
            var id = Packed >> 2;
            return new ValidationFinding
            {
                Diagnostic = new Diagnostic
                {
                    Id = Rule.Id,
                    Severity = (DiagnosticSeverity)(Packed & 3),
                    Message = Message,
                    Span = Span,
                    Path = path,
                    ArxivId = unpacked?.ArxivId ?? (id == 0 ? null : Unpack(id)),
                },
                Rule = Rule,
                Fix = fix is null ? [] : [fix],
            };
        }
    }

    /// <summary>A kept finding's identifier that does not pack into a number, and its fix.</summary>
    private sealed record Unpacked(string ArxivId, TextEdit? Fix);

    /// <summary>A file's findings, made from their kept form each time they are read.</summary>
    private sealed class KeptFindings(string? path, Kept[] kept) : IReadOnlyList<ValidationFinding>
    {
        public int Count => kept.Length;

        public ValidationFinding this[int index] => kept[index].ToFinding(path);

        public IEnumerator<ValidationFinding> GetEnumerator()
        {
            foreach (var k in kept)
            {
                yield return k.ToFinding(path);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
