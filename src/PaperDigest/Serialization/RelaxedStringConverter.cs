using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperDigest.Serialization;

/// <summary>
/// Writes long text fields (abstracts) the way <see cref="Utf8JsonWriter.WriteStringValue(string?)"/> does with
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, but without its per-character escaping checks: one table
/// lookup per character, one UTF-8 transcoding, and the bytes kept for the next field when it is the very same string (an
/// entry's plain-text and Markdown abstracts usually are). Any character that would be escaped other than a line feed,
/// and any writer with another encoder, goes the ordinary way, so the output is byte for byte the same.
/// </summary>
internal sealed class RelaxedStringConverter : JsonConverter<string>
{
    /// <summary>One bit per UTF-16 code unit: set when the relaxed encoder writes it as is (surrogates never are).</summary>
    private static readonly ulong[] Verbatim = BuildTable();

    [ThreadStatic]
    private static string? t_lastValue;

    [ThreadStatic]
    private static byte[]? t_lastBytes;

    [ThreadStatic]
    private static int t_lastLength;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() ?? "";

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (!ReferenceEquals(writer.Options.Encoder, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) || !TryWrite(writer, value))
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JSON string when only line feeds need escaping in it.</summary>
    internal static bool TryWrite(Utf8JsonWriter writer, string value)
    {
        if (ReferenceEquals(value, t_lastValue) && t_lastBytes is { } cached)
        {
            writer.WriteRawValue(cached.AsSpan(0, t_lastLength), skipInputValidation: true);
            return true;
        }

        if (value.Length > 1 << 20)
        {
            return false;
        }

        var newlines = 0;
        foreach (var c in value)
        {
            if ((Verbatim[c >> 6] & (1UL << (c & 63))) == 0)
            {
                if (c != '\n')
                {
                    return false;
                }

                newlines++;
            }
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + newlines + 2;
        var bytes = t_lastBytes;
        if (bytes is null || bytes.Length < max)
        {
            bytes = new byte[Math.Max(max, 4096)];
        }

        var length = 0;
        bytes[length++] = (byte)'"';
        var rest = value.AsSpan();
        while (true)
        {
            var nl = rest.IndexOf('\n');
            var segment = nl < 0 ? rest : rest[..nl];
            length += Encoding.UTF8.GetBytes(segment, bytes.AsSpan(length));
            if (nl < 0)
            {
                break;
            }

            bytes[length++] = (byte)'\\';
            bytes[length++] = (byte)'n';
            rest = rest[(nl + 1)..];
        }

        bytes[length++] = (byte)'"';
        writer.WriteRawValue(bytes.AsSpan(0, length), skipInputValidation: true);
        if (bytes.Length <= 1 << 16)
        {
            t_lastBytes = bytes;
            t_lastValue = value;
            t_lastLength = length;
        }
        else
        {
            t_lastBytes = null;
            t_lastValue = null;
        }

        return true;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[65536 / 64];
        var encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        for (var c = 0; c < 65536; c++)
        {
            if (!char.IsSurrogate((char)c) && !encoder.WillEncode(c))
            {
                table[c >> 6] |= 1UL << (c & 63);
            }
        }

        return table;
    }
}
