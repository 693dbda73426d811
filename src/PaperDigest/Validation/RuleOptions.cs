using System.Collections.Frozen;
using System.Text.Json;

namespace PaperDigest.Validation;

/// <summary>The options one rule is configured with (the <c>options</c> object of a rule in <c>.paperdigest.json</c>).</summary>
public sealed class RuleOptions
{
    private readonly FrozenDictionary<string, JsonElement> _values;

    /// <summary>Creates options from JSON values.</summary>
    /// <param name="values">The values by option name.</param>
    public RuleOptions(IReadOnlyDictionary<string, JsonElement> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Clone(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No options: every rule uses its defaults.</summary>
    public static RuleOptions Empty { get; } = new(new Dictionary<string, JsonElement>());

    /// <summary>The option names that are set.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>An integer option.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="defaultValue">The value when the option is not set or not an integer.</param>
    /// <returns>The value.</returns>
    public int GetInt32(string name, int defaultValue)
        => _values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : defaultValue;

    /// <summary>A string-list option.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="defaultValue">The value when the option is not set or not a list of strings.</param>
    /// <returns>The value.</returns>
    public IReadOnlyList<string> GetStrings(string name, IReadOnlyList<string> defaultValue)
    {
        if (!_values.TryGetValue(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return defaultValue;
        }

        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }

    /// <summary>The raw value of an option.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="value">The value when set.</param>
    /// <returns>Whether the option is set.</returns>
    public bool TryGetValue(string name, out JsonElement value) => _values.TryGetValue(name, out value);
}
