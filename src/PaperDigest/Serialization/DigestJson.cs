using System.Text.Encodings.Web;
using System.Text.Json;
using PaperDigest.Model;

namespace PaperDigest.Serialization;

/// <summary>Serialises digest records as JSON (camelCase, source-generated, non-ASCII text written as is).</summary>
public static class DigestJson
{
    /// <summary>The serializer context used by this library: camelCase, compact, CJK written unescaped.</summary>
    internal static DigestJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    });

    /// <summary>The same as <see cref="Context"/>, indented.</summary>
    internal static DigestJsonContext IndentedContext { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    });

    /// <summary>Source-generated (AOT-safe) metadata for <see cref="EntryJson"/>: camelCase, CJK written unescaped.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<EntryJson> EntryTypeInfo => Context.EntryJson;

    /// <summary>Source-generated (AOT-safe) metadata for <see cref="DocumentJson"/>: camelCase, CJK written unescaped.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<DocumentJson> DocumentTypeInfo => Context.DocumentJson;

    /// <summary>Source-generated (AOT-safe) metadata for <see cref="DiagnosticJson"/>: camelCase, CJK written unescaped.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<DiagnosticJson> DiagnosticTypeInfo => Context.DiagnosticJson;

    /// <summary>Serialises one entry on one line.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="path">The file path to record.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(DigestEntry entry, string? path)
        => JsonSerializer.Serialize(EntryJson.From(entry, path), Context.EntryJson);

    /// <summary>Writer options that give the same text as <see cref="Serialize(DigestEntry, string?)"/> (compact, CJK unescaped).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>
    /// Writes one entry as UTF-8 JSON straight to a writer made with <see cref="WriterOptions"/>: the same text as
    /// <see cref="Serialize(DigestEntry, string?)"/>, without building a string.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="path">The file path to record.</param>
    public static void Write(Utf8JsonWriter writer, DigestEntry entry, string? path)
        => JsonSerializer.Serialize(writer, EntryJson.From(entry, path), Context.EntryJson);

    /// <summary>Serialises a whole document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(DigestDocument document, bool indented = false)
        => JsonSerializer.Serialize(DocumentJson.From(document), indented ? IndentedContext.DocumentJson : Context.DocumentJson);
}
