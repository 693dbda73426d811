using System.Buffers;
using System.Text;
using PaperDigest.Model;

namespace PaperDigest.Parsing;

/// <summary>The outcome of turning a file's bytes into text.</summary>
/// <param name="Text">The decoded text (BOM removed, invalid sequences replaced by U+FFFD); empty for a binary file.</param>
/// <param name="IsBinary">Whether the bytes are not text at all (they contain NUL bytes).</param>
/// <param name="InvalidByteOffsets">The byte offsets of the first invalid UTF-8 sequences (at most 20), with the UTF-16 offset of their replacement character.</param>
internal readonly record struct DecodedSource(string Text, bool IsBinary, IReadOnlyList<(long ByteOffset, int CharOffset)> InvalidByteOffsets);

/// <summary>Decodes digest bytes as UTF-8, strictly enough to report every defect and leniently enough to go on.</summary>
internal static class SourceDecoder
{
    private const int MaxReported = 20;

    public static DecodedSource Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        // One pass for valid UTF-8 (nearly every file): decoding replaces invalid sequences with U+FFFD, so only a text
        // holding U+FFFD needs the validity check (it may also be a U+FFFD written in the file). A NUL byte always decodes
        // to U+0000 (no invalid sequence does), so the same scan of the text finds a binary file.
        var text = Encoding.UTF8.GetString(bytes);
        var special = text.AsSpan().IndexOfAny('\0', '\uFFFD');
        if (special < 0)
        {
            return new DecodedSource(text, false, []);
        }

        if (text.AsSpan(special).Contains('\0'))
        {
            return new DecodedSource("", true, []);
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new DecodedSource(text, false, []);
        }

        var invalid = new List<(long, int)>();
        var sb = new StringBuilder(bytes.Length);
        var offset = 0;
        Span<char> buffer = stackalloc char[2];
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                var n = rune.EncodeToUtf16(buffer);
                sb.Append(buffer[..n]);
            }
            else
            {
                if (invalid.Count < MaxReported)
                {
                    invalid.Add((offset, sb.Length));
                }

                sb.Append('\uFFFD');
                consumed = Math.Max(1, consumed);
            }

            offset += consumed;
        }

        return new DecodedSource(sb.ToString(), false, invalid);
    }
}
