using System.Diagnostics.CodeAnalysis;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>Checks and splits <c>owner/name</c> repository names.</summary>
internal static class GitHubRepositoryName
{
    /// <summary>Splits <c>owner/name</c> into its parts, checking the characters GitHub allows.</summary>
    /// <param name="text">The name, such as <c>octocat/Hello-World</c>.</param>
    /// <param name="owner">The owner.</param>
    /// <param name="name">The repository name.</param>
    /// <returns>Whether <paramref name="text"/> is a well-formed repository name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out string? owner, [NotNullWhen(true)] out string? name)
    {
        owner = null;
        name = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        var o = text[..slash];
        var n = text[(slash + 1)..];
        if (o.Length > 39 || n.Length > 100 || n is "." or ".." || o.StartsWith('-'))
        {
            return false;
        }

        foreach (var c in o)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        foreach (var c in n)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        owner = o;
        name = n;
        return true;
    }

    /// <summary>The cache key of a repository name: its lower-case form.</summary>
    /// <param name="fullName">The <c>owner/name</c>.</param>
    /// <returns>The key.</returns>
    public static string CacheKey(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        return fullName.ToLowerInvariant();
    }
}
