using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<EntryJson> EntryTypeInfo => Context.EntryJson;

    /// <summary>Source-generated (AOT-safe) metadata for <see cref="DocumentJson"/>: camelCase, CJK written unescaped.</summary>
    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<DocumentJson> DocumentTypeInfo => Context.DocumentJson;

    /// <summary>Source-generated (AOT-safe) metadata for <see cref="DiagnosticJson"/>: camelCase, CJK written unescaped.</summary>
    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<DiagnosticJson> DiagnosticTypeInfo => Context.DiagnosticJson;

    /// <summary>Serialises one entry on one line.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="path">The file path to record.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(DigestEntry entry, string? path)
        => JsonSerializer.Serialize(EntryJson.From(entry, path), Context.EntryJson);

    /// <summary>
    /// One entry as a JSON object, the same properties <see cref="Serialize(DigestEntry, string?)"/> writes, to extend with
    /// fields of one's own before writing it (as <c>paperdigest enrich</c> adds <c>arxiv</c> and <c>repositories</c>).
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="path">The file path to record.</param>
    /// <returns>A new JSON object.</returns>
    public static JsonObject ToJsonObject(DigestEntry entry, string? path)
        => JsonSerializer.SerializeToNode(EntryJson.From(entry, path), Context.EntryJson)!.AsObject();

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

    /// <summary>
    /// A document's entries as UTF-8 JSON, each written as <see cref="Serialize(DigestEntry, string?)"/> writes it: for JSON
    /// Lines (<paramref name="terminate"/>) each entry followed by <paramref name="separator"/> (a line break), for the
    /// items of a JSON array the entries joined by <paramref name="separator"/> (such as <c>,\n</c>).
    /// </summary>
    /// <param name="document">The document.</param>
    /// <param name="separator">The bytes between (or after) entries.</param>
    /// <param name="terminate">Whether every entry, the last included, is followed by the separator.</param>
    /// <returns>The UTF-8 bytes; empty for a document without entries.</returns>
    public static byte[] SerializeEntriesToUtf8(DigestDocument document, ReadOnlySpan<byte> separator, bool terminate)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, document.Entries.Count * 4096));
        using var jsonWriter = new Utf8JsonWriter(buffer, WriterOptions);
        for (var i = 0; i < document.Entries.Count; i++)
        {
            if (i > 0 && !terminate)
            {
                buffer.Write(separator);
            }

            Write(jsonWriter, document.Entries[i], document.Path);
            jsonWriter.Flush();
            jsonWriter.Reset();
            if (terminate)
            {
                buffer.Write(separator);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serialises a whole document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(DigestDocument document, bool indented = false)
        => JsonSerializer.Serialize(DocumentJson.From(document), indented ? IndentedContext.DocumentJson : Context.DocumentJson);
}
