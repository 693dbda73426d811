using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaperDigest.Model;
using PaperDigest.Parsing;
using PaperDigest.Parsing.Layouts;

namespace PaperDigest.Validation;

/// <summary>
/// A loaded <c>.paperdigest.json</c>: rules on or off, severity overrides, rule options, and per-glob overrides
/// (globs relative to the file's folder). Immutable once loaded; every problem in a file is reported at once.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "rules": { "PD0107": { "severity": "error", "options": { "minLength": 80 } }, "versioned-arxiv-link": "off" },
///   "overrides": [ { "files": ["2023/**"], "rules": { "PD0109": "off" } } ],
///   "ignore": ["drafts/**", "**/README.md"]
/// }
/// </code>
/// A rule value is <c>"off"</c>, <c>"on"</c>, a severity (<c>"error"</c>, <c>"warning"</c>, <c>"info"</c>) or an object
/// with <c>enabled</c>, <c>severity</c> and <c>options</c>. Rules are named by identifier or name.
/// </remarks>
public sealed class ValidationConfig
{
    /// <summary>The name of the configuration file looked for beside and above each input.</summary>
    public const string FileName = ".paperdigest.json";

    private static readonly Dictionary<string, (string Kind, string Help)> KnownOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        [RuleIds.ShortAbstract + ":minLength"] = ("int", "a non-negative integer"),
        [RuleIds.UnfilledPlaceholder + ":placeholders"] = ("strings", "an array of strings"),
        [RuleIds.UnfinishedEntry + ":placeholder"] = ("string", "a non-empty string"),
    };

    private readonly Dictionary<string, RuleSetting> _rules;
    private readonly List<(Regex[] Globs, Dictionary<string, RuleSetting> Rules)> _overrides;

    private ValidationConfig(string? path, string baseDirectory, Dictionary<string, RuleSetting> rules, List<(Regex[], Dictionary<string, RuleSetting>)> overrides, IReadOnlyList<string> ignore,
        IReadOnlyList<IDigestLayout>? layouts = null, string? layout = null)
    {
        Path = path;
        BaseDirectory = baseDirectory;
        _rules = rules;
        _overrides = overrides;
        Ignore = ignore;
        Layouts = layouts ?? [];
        Layout = layout;
    }

    /// <summary>No configuration: every rule with its defaults.</summary>
    public static ValidationConfig Empty { get; } = new(null, "", [], [], []);

    /// <summary>
    /// The layouts this configuration declares (its <c>layouts</c> object): how entries of a generator no built-in layout
    /// knows start, and where their titles, paper link and abstract are. See docs/format.md, "Declared layouts".
    /// </summary>
    public IReadOnlyList<string> DeclaredLayouts => [.. Layouts.Select(l => l.Name)];

    /// <summary>The declared layouts themselves.</summary>
    internal IReadOnlyList<IDigestLayout> Layouts { get; }

    /// <summary>The layout to read the files this configuration covers with (its <c>layout</c>), or <see langword="null"/> to detect it per file.</summary>
    public string? Layout { get; }

    /// <summary>
    /// Parser options that read with <paramref name="layout"/>, knowing this configuration's declared layouts; when
    /// <paramref name="layout"/> is <c>auto</c>, the configuration's own <c>layout</c> applies.
    /// </summary>
    /// <param name="layout">A built-in or declared layout name, or <c>auto</c>.</param>
    /// <param name="options">The options, when the layout is known.</param>
    /// <param name="error">Why not, naming the known layouts.</param>
    /// <returns>Whether the layout is known.</returns>
    public bool TryGetParserOptions(string layout, [NotNullWhen(true)] out DigestParserOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var name = string.Equals(layout, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase) ? Layout ?? DigestParserOptions.AutoLayout : layout;
        IReadOnlyList<IDigestLayout> all = Layouts.Count == 0 ? DigestLayouts.All : [.. Layouts, .. DigestLayouts.All];
        if (!string.Equals(name, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase)
            && !all.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            options = null;
            var declared = Layouts.Count == 0 ? $"{(Path is null ? "no configuration file declares layouts" : $"{Path} declares none")}"
                : $"declared in {Path}: {string.Join(", ", Layouts.Select(l => l.Name))}";
            error = $"Unknown layout '{name}'. Built in: auto, {string.Join(", ", DigestLayouts.All.Select(l => l.Name))}; {declared}.";
            return false;
        }

        // Only declared layouts are offered to detection by name: with 'auto' the built-in layouts compete as always.
        options = new DigestParserOptions { Layout = name, Layouts = all };
        error = null;
        return true;
    }

    /// <summary>
    /// Globs (relative to <see cref="BaseDirectory"/>) of files that folder walks and globs on the command line leave out;
    /// a file named on the command line is still read.
    /// </summary>
    public IReadOnlyList<string> Ignore { get; }

    /// <summary>The file this configuration was read from; <see langword="null"/> for <see cref="Empty"/>.</summary>
    public string? Path { get; }

    /// <summary>The folder globs are relative to.</summary>
    public string BaseDirectory { get; }

    /// <summary>Reads a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="config">The configuration, when it is valid.</param>
    /// <param name="errors">Every problem found, each starting with the file's path.</param>
    /// <returns>Whether the file was read and is valid.</returns>
    public static bool TryLoad(string path, [NotNullWhen(true)] out ValidationConfig? config, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            config = null;
            errors = [$"{path}: cannot read configuration: {ex.Message}"];
            return false;
        }

        var full = System.IO.Path.GetFullPath(path);
        return TryParse(json, System.IO.Path.GetDirectoryName(full) ?? "", path, out config, out errors);
    }

    /// <summary>Parses configuration JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="baseDirectory">The folder globs are relative to.</param>
    /// <param name="path">The file name to use in messages, if any.</param>
    /// <param name="config">The configuration, when it is valid.</param>
    /// <param name="errors">Every problem found.</param>
    /// <returns>Whether the JSON is a valid configuration.</returns>
    public static bool TryParse(string json, string baseDirectory, string? path, [NotNullWhen(true)] out ValidationConfig? config, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var where = path ?? FileName;
        var problems = new List<string>();
        config = null;
        ConfigFileJson? file;
        try
        {
            file = JsonSerializer.Deserialize(json, ValidationJsonContext.Default.ConfigFileJson);
        }
        catch (JsonException ex)
        {
            errors = [$"{where}: invalid configuration: {ex.Message}"];
            return false;
        }

        if (file is null)
        {
            errors = [$"{where}: invalid configuration: expected a JSON object."];
            return false;
        }

        var rules = ReadRules(file.Rules, "rules", where, problems);
        var overrides = new List<(Regex[], Dictionary<string, RuleSetting>)>();
        for (var i = 0; i < (file.Overrides?.Count ?? 0); i++)
        {
            var o = file.Overrides![i];
            if (o.Files is not { Count: > 0 })
            {
                problems.Add($"{where}: overrides[{i}].files must list at least one glob.");
                continue;
            }

            var globs = o.Files.Select(Glob.ToRegex).ToArray();
            overrides.Add((globs, ReadRules(o.Rules, $"overrides[{i}].rules", where, problems)));
        }

        var ignore = file.Ignore ?? [];
        for (var i = 0; i < ignore.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ignore[i]))
            {
                problems.Add($"{where}: ignore[{i}] must be a non-empty glob.");
            }
        }

        var layouts = file.Layouts is { } declared ? Parsing.Layouts.DeclaredLayouts.Read(declared, where, problems) : [];
        if (file.Layout is { } layout && !string.Equals(layout, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase)
            && DigestLayouts.Find(layout) is null && !layouts.Any(l => string.Equals(l.Name, layout, StringComparison.OrdinalIgnoreCase))
            && !(file.Layouts is { ValueKind: JsonValueKind.Object } raw && raw.TryGetProperty(layout, out _)))
        {
            problems.Add($"{where}: layout: '{layout}' is neither a built-in layout (auto, {string.Join(", ", DigestLayouts.All.Select(l => l.Name))}) nor declared under layouts.");
        }

        errors = problems;
        if (problems.Count > 0)
        {
            return false;
        }

        config = new ValidationConfig(path, baseDirectory, rules, overrides, ignore.ToArray(), layouts,
            file.Layout is null || string.Equals(file.Layout, DigestParserOptions.AutoLayout, StringComparison.OrdinalIgnoreCase) ? null : file.Layout);
        return true;
    }

    private RuleSettings? _topSettings;

    /// <summary>The effective rule settings for one file: the top-level rules, then every override whose globs match, in order.</summary>
    /// <param name="filePath">The file's path.</param>
    /// <returns>The settings.</returns>
    public RuleSettings SettingsFor(string? filePath)
    {
        if (_overrides.Count == 0 || filePath is null)
        {
            // Immutable, so every file without overrides shares one.
            return _topSettings ??= new RuleSettings(_rules);
        }

        var relative = System.IO.Path.GetRelativePath(BaseDirectory.Length == 0 ? "." : BaseDirectory, filePath).Replace('\\', '/');
        var name = System.IO.Path.GetFileName(filePath);
        var merged = new Dictionary<string, RuleSetting>(_rules, StringComparer.OrdinalIgnoreCase);
        foreach (var (globs, rules) in _overrides)
        {
            if (!globs.Any(g => g.IsMatch(relative) || g.IsMatch(name)))
            {
                continue;
            }

            foreach (var (id, setting) in rules)
            {
                merged[id] = merged.TryGetValue(id, out var existing) ? existing.Overlay(setting) : setting;
            }
        }

        return new RuleSettings(merged);
    }

    private static Dictionary<string, RuleSetting> ReadRules(Dictionary<string, JsonElement>? rules, string section, string where, List<string> problems)
    {
        var result = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
        if (rules is null)
        {
            return result;
        }

        foreach (var (key, value) in rules)
        {
            var rule = RuleCatalog.Find(key);
            if (rule is null)
            {
                problems.Add($"{where}: {section}: unknown rule '{key}' (use an identifier such as PD0003 or a name such as malformed-arxiv-id).");
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString()!;
                if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
                {
                    result[rule.Id] = new RuleSetting { Enabled = false };
                }
                else if (string.Equals(text, "on", StringComparison.OrdinalIgnoreCase))
                {
                    result[rule.Id] = new RuleSetting { Enabled = true };
                }
                else if (TryParseSeverity(text, out var sev))
                {
                    result[rule.Id] = new RuleSetting { Enabled = true, Severity = sev };
                }
                else
                {
                    problems.Add($"{where}: {section}.{key}: '{text}' is not one of off, on, error, warning, info.");
                }

                continue;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: {section}.{key}: expected \"off\", \"on\", a severity or an object with enabled, severity and options.");
                continue;
            }

            ConfigRuleJson? obj;
            try
            {
                obj = value.Deserialize(ValidationJsonContext.Default.ConfigRuleJson);
            }
            catch (JsonException ex)
            {
                problems.Add($"{where}: {section}.{key}: {ex.Message}");
                continue;
            }

            DiagnosticSeverity? severity = null;
            if (obj?.Severity is { } s)
            {
                if (TryParseSeverity(s, out var parsed))
                {
                    severity = parsed;
                }
                else
                {
                    problems.Add($"{where}: {section}.{key}.severity: '{s}' is not one of error, warning, info.");
                }
            }

            RuleOptions? options = null;
            if (obj?.Options is { } opts)
            {
                foreach (var (name, v) in opts)
                {
                    if (!KnownOptions.TryGetValue(rule.Id + ":" + name, out var known))
                    {
                        problems.Add($"{where}: {section}.{key}.options: rule {rule.Id} has no option '{name}'.");
                    }
                    else if (!(known.Kind == "int" ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0
                        : known.Kind == "string" ? v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
                        : v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)))
                    {
                        problems.Add($"{where}: {section}.{key}.options.{name}: expected {known.Help}.");
                    }
                }

                options = new RuleOptions(opts);
            }

            result[rule.Id] = new RuleSetting { Enabled = obj?.Enabled, Severity = severity, Options = options };
        }

        return result;
    }

    private static bool TryParseSeverity(string text, out DiagnosticSeverity severity)
    {
        switch (text.ToLowerInvariant())
        {
            case "error":
                severity = DiagnosticSeverity.Error;
                return true;
            case "warning":
            case "warn":
                severity = DiagnosticSeverity.Warning;
                return true;
            case "info":
            case "note":
            case "notice":
                severity = DiagnosticSeverity.Info;
                return true;
            default:
                severity = default;
                return false;
        }
    }
}

/// <summary>
/// Finds the configuration of each file: the nearest <c>.paperdigest.json</c> in the file's folder or above it, or one
/// fixed file for every input. Thread-safe; each folder is looked at once.
/// </summary>
public sealed class ValidationConfigResolver
{
    private readonly ValidationConfig? _fixed;
    private readonly ConcurrentDictionary<string, (ValidationConfig? Config, IReadOnlyList<string> Errors)> _byDirectory = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver.</summary>
    /// <param name="fixedConfig">A configuration to use for every file (<c>--config</c>), or <see langword="null"/> to look for files.</param>
    public ValidationConfigResolver(ValidationConfig? fixedConfig = null) => _fixed = fixedConfig;

    /// <summary>The configuration for a file.</summary>
    /// <param name="filePath">The file; <see langword="null"/> or <c>-</c> (standard input) looks from the current folder.</param>
    /// <param name="config">The configuration (<see cref="ValidationConfig.Empty"/> when there is none).</param>
    /// <param name="errors">The problems of an invalid configuration file.</param>
    /// <returns>Whether a valid configuration (or none) was found.</returns>
    public bool TryResolve(string? filePath, out ValidationConfig config, out IReadOnlyList<string> errors)
    {
        if (_fixed is not null)
        {
            config = _fixed;
            errors = [];
            return true;
        }

        var dir = filePath is null or "-" ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(filePath)) ?? Environment.CurrentDirectory;
        var (found, problems) = Lookup(dir);
        config = found ?? ValidationConfig.Empty;
        errors = problems;
        return problems.Count == 0;
    }

    /// <summary>
    /// The rule settings of every file validated together: each file's configuration (as <see cref="TryResolve"/> finds
    /// it), with its per-glob overrides applied for that file.
    /// </summary>
    /// <param name="filePaths">The files, as documents record their paths; <c>-</c> is standard input.</param>
    /// <param name="settingsFor">Gives a document's settings by its <see cref="DigestSource.Path"/> (the defaults for a path not listed).</param>
    /// <param name="errors">Every problem of every invalid configuration file met, each once, in ordinal order.</param>
    /// <returns>Whether every file has a valid configuration (or none).</returns>
    public bool TryResolveSettings(IEnumerable<string> filePaths, [NotNullWhen(true)] out Func<DigestSource, RuleSettings>? settingsFor, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);
        foreach (var path in filePaths)
        {
            var stdin = path == "-";
            if (TryResolve(stdin ? null : path, out var config, out var found))
            {
                byPath[path] = config.SettingsFor(stdin ? null : Path.GetFullPath(path));
            }
            else
            {
                problems.UnionWith(found);
            }
        }

        errors = [.. problems];
        settingsFor = problems.Count == 0 ? s => byPath.GetValueOrDefault(s.Path ?? "-") ?? RuleSettings.Default : null;
        return settingsFor is not null;
    }

    private (ValidationConfig? Config, IReadOnlyList<string> Errors) Lookup(string dir)
    {
        if (_byDirectory.TryGetValue(dir, out var cached))
        {
            return cached;
        }

        (ValidationConfig?, IReadOnlyList<string>) result;
        var candidate = Path.Combine(dir, ValidationConfig.FileName);
        if (File.Exists(candidate))
        {
            result = ValidationConfig.TryLoad(candidate, out var config, out var errors) ? (config, []) : (null, errors);
        }
        else
        {
            var parent = Path.GetDirectoryName(dir);
            result = parent is null || parent == dir ? (null, []) : Lookup(parent);
        }

        _byDirectory[dir] = result;
        return result;
    }
}

/// <summary>Turns file globs (<c>*</c>, <c>?</c>, <c>**</c>) into regular expressions over <c>/</c>-separated relative paths.</summary>
internal static class Glob
{
    public static Regex ToRegex(string glob)
    {
        var g = glob.Replace('\\', '/');
        if (g.StartsWith("./", StringComparison.Ordinal))
        {
            g = g[2..];
        }

        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < g.Length; i++)
        {
            var c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                if (i + 2 < g.Length && g[i + 2] == '/')
                {
                    sb.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    sb.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }
}
