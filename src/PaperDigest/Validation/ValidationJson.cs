using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperDigest.Validation;

/// <summary>The shape of <c>.paperdigest.json</c>.</summary>
internal sealed class ConfigFileJson
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public Dictionary<string, JsonElement>? Rules { get; set; }

    public List<ConfigOverrideJson>? Overrides { get; set; }

    public List<string>? Ignore { get; set; }

    public string? Layout { get; set; }

    public JsonElement? Layouts { get; set; }
}

/// <summary>One entry of <c>overrides</c>: rule settings for the files some globs match.</summary>
internal sealed class ConfigOverrideJson
{
    public List<string>? Files { get; set; }

    public Dictionary<string, JsonElement>? Rules { get; set; }
}

/// <summary>One rule setting written as an object.</summary>
internal sealed class ConfigRuleJson
{
    public bool? Enabled { get; set; }

    public string? Severity { get; set; }

    public Dictionary<string, JsonElement>? Options { get; set; }
}

/// <summary>The shape of a baseline file.</summary>
internal sealed class BaselineJson
{
    public int Version { get; set; } = 1;

    public List<BaselineEntryJson> Entries { get; set; } = [];
}

/// <summary>One problem recorded in a baseline.</summary>
internal sealed class BaselineEntryJson
{
    public string Rule { get; set; } = "";

    public string File { get; set; } = "";

    public string Key { get; set; } = "";

    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConfigFileJson))]
[JsonSerializable(typeof(ConfigRuleJson))]
[JsonSerializable(typeof(BaselineJson))]
internal sealed partial class ValidationJsonContext : JsonSerializerContext;
