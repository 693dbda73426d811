using System.Diagnostics.CodeAnalysis;

namespace PaperDigest.Model;

/// <summary>
/// An arXiv identifier: the canonical identifier without version (<c>2501.19393</c>, <c>hep-th/9901001</c>)
/// and, separately, the version when one was given.
/// </summary>
/// <remarks>
/// New-style identifiers are <c>YYMM.NNNN</c> (April 2007 to December 2014) and <c>YYMM.NNNNN</c> (from January 2015).
/// Old-style identifiers are <c>archive/YYMMNNN</c>; a subject class written in them (<c>math.GT/0309136</c>) is not part of
/// the identifier and is dropped, as arXiv itself does (<c>math/0309136</c>).
/// </remarks>
public readonly record struct ArxivId
{
    private ArxivId(string value, int? version)
    {
        Value = value;
        Version = version;
    }

    /// <summary>The canonical identifier, without version.</summary>
    public string Value { get; }

    /// <summary>The version number (the <c>N</c> of <c>vN</c>), or <see langword="null"/> when none was given.</summary>
    public int? Version { get; }

    /// <summary>Whether this is an old-style (<c>archive/YYMMNNN</c>) identifier.</summary>
    public bool IsOldStyle => Value is not null && Value.Contains('/', StringComparison.Ordinal);

    /// <summary>This identifier without its version.</summary>
    public ArxivId WithoutVersion => new(Value, null);

    /// <summary>The identifier as arXiv writes it, with <c>vN</c> when a version is known.</summary>
    /// <returns>The identifier text.</returns>
    public override string ToString() => Version is { } v ? $"{Value}v{v}" : Value ?? "";

    /// <summary>Parses an identifier such as <c>2501.19393</c>, <c>2501.19393v2</c>, <c>hep-th/9901001</c> or <c>arXiv:2501.19393</c>.</summary>
    /// <param name="text">The text to parse; surrounding whitespace is ignored.</param>
    /// <param name="id">The identifier when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a well-formed arXiv identifier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ArxivId id) => TryParse(text.AsSpan(), out id);

    /// <summary>Parses an identifier from a span of characters; see <see cref="TryParse(string?, out ArxivId)"/>.</summary>
    /// <param name="text">The text to parse; surrounding whitespace is ignored.</param>
    /// <param name="id">The identifier when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a well-formed arXiv identifier.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out ArxivId id)
    {
        id = default;
        text = text.Trim();
        if (text.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..];
        }

        // Version suffix.
        int? version = null;
        var v = text.LastIndexOfAny('v', 'V');
        if (v > 0 && v < text.Length - 1 && IsDigits(text[(v + 1)..]))
        {
            if (!int.TryParse(text[(v + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n == 0)
            {
                return false;
            }

            version = n;
            text = text[..v];
        }

        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            // New style: YYMM.NNNN or YYMM.NNNNN
            if (text.Length is not (9 or 10) || text[4] != '.' || !IsDigits(text[..4]) || !IsDigits(text[5..]))
            {
                return false;
            }

            var yy = ((text[0] - '0') * 10) + (text[1] - '0');
            var mm = ((text[2] - '0') * 10) + (text[3] - '0');
            if (mm is < 1 or > 12 || (yy == 7 && mm < 4) || yy < 7)
            {
                return false;
            }

            var fiveDigits = yy >= 15;
            if ((text.Length == 10) != fiveDigits)
            {
                return false;
            }

            id = new ArxivId(text.ToString(), version);
            return true;
        }

        // Old style: archive(.SUBJ)/YYMMNNN
        var archive = text[..slash];
        var number = text[(slash + 1)..];
        if (number.Length != 7 || !IsDigits(number))
        {
            return false;
        }

        var month = ((number[2] - '0') * 10) + (number[3] - '0');
        if (month is < 1 or > 12)
        {
            return false;
        }

        var dot = archive.IndexOf('.');
        if (dot >= 0)
        {
            var subject = archive[(dot + 1)..];
            if (subject.Length == 0 || !IsLetters(subject))
            {
                return false;
            }

            archive = archive[..dot];
        }

        if (archive.Length < 2 || !IsArchiveName(archive))
        {
            return false;
        }

        id = new ArxivId(string.Concat(archive.ToString().ToLowerInvariant(), "/", number.ToString()), version);
        return true;
    }

    /// <summary>Parses a string that must be an identifier.</summary>
    /// <param name="text">The identifier text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">The text is not a well-formed arXiv identifier.</exception>
    public static ArxivId Parse(string text)
        => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an arXiv identifier.");

    /// <summary>Creates an identifier from a canonical value and an optional version, checking both.</summary>
    /// <param name="value">The canonical identifier, without version.</param>
    /// <param name="version">The version, or <see langword="null"/>.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">The value is not a well-formed identifier or the version is not positive.</exception>
    public static ArxivId Create(string value, int? version = null)
    {
        if (!TryParse(value, out var id) || id.Version is not null || version is <= 0)
        {
            throw new FormatException($"'{value}' (version {version}) is not an arXiv identifier.");
        }

        return new ArxivId(id.Value, version);
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetters(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsArchiveName(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
