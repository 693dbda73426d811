using System.Text;

namespace PaperDigest.Parsing;

/// <summary>
/// One <see cref="StringBuilder"/> per thread for the text helpers that build a string per entry or per line: taken out
/// while in use (a nested user gets a fresh one), put back after <see cref="ToStringAndRelease"/> unless it grew large.
/// </summary>
internal static class StringBuilderCache
{
    private const int MaxKept = 1 << 16;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Acquire(int capacity = 256)
    {
        var sb = t_cached;
        if (sb is not null && capacity <= sb.Capacity)
        {
            t_cached = null;
            return sb.Clear();
        }

        return new StringBuilder(Math.Max(capacity, 256));
    }

    public static string ToStringAndRelease(StringBuilder sb)
    {
        var s = sb.ToString();
        if (sb.Capacity <= MaxKept)
        {
            t_cached = sb;
        }

        return s;
    }
}
