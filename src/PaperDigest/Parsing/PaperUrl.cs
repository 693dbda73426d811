using PaperDigest.Model;

namespace PaperDigest.Parsing;

/// <summary>What <see cref="PaperUrl.TryParseArxiv(string, out ArxivId)"/> found in a URL.</summary>
public enum PaperUrlKind
{
    /// <summary>Not a URL of a paper site this library knows.</summary>
    NotAPaper = 0,

    /// <summary>An arXiv abstract, PDF or HTML page with a well-formed identifier.</summary>
    Arxiv = 1,

    /// <summary>A page on another site that names an arXiv identifier (Hugging Face papers, alphaXiv).</summary>
    PaperPage = 2,

    /// <summary>An arXiv (or paper-page) URL whose identifier is malformed.</summary>
    Malformed = 3,
}

/// <summary>Recognises and normalises the URLs digests use: arXiv in every form, paper pages, GitHub repositories.</summary>
public static class PaperUrl
{
    private static readonly string[] ArxivHosts = ["arxiv.org", "www.arxiv.org", "export.arxiv.org", "browse.arxiv.org"];
    private static readonly string[] PaperPageHosts = ["huggingface.co", "www.huggingface.co", "hf.co"];
    private static readonly string[] AlphaxivHosts = ["alphaxiv.org", "www.alphaxiv.org"];

    /// <summary>
    /// Reads the arXiv identifier from a URL: <c>arxiv.org/abs/ID</c>, <c>/pdf/ID</c>, <c>/pdf/ID.pdf</c>, <c>/html/ID</c> (any
    /// of <c>http</c>, <c>https</c> or no scheme; <c>www.</c> and <c>export.</c> hosts; <c>vN</c> kept as the version), and
    /// <c>huggingface.co/papers/ID</c>, <c>alphaxiv.org/abs/ID</c>, <c>alphaxiv.org/overview/ID</c>.
    /// </summary>
    /// <param name="url">The URL as written.</param>
    /// <param name="id">The identifier when the result is <see cref="PaperUrlKind.Arxiv"/> or <see cref="PaperUrlKind.PaperPage"/>.</param>
    /// <returns>What the URL is.</returns>
    public static PaperUrlKind TryParseArxiv(string url, out ArxivId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(url))
        {
            return PaperUrlKind.NotAPaper;
        }

        var s = url.AsSpan().Trim();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var sch = s[..scheme];
            if (!sch.Equals("http", StringComparison.OrdinalIgnoreCase) && !sch.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                return PaperUrlKind.NotAPaper;
            }

            s = s[(scheme + 3)..];
        }

        var slash = s.IndexOf('/');
        if (slash <= 0)
        {
            return PaperUrlKind.NotAPaper;
        }

        var host = HostOf(s[..slash]);

        var path = s[(slash + 1)..];
        var cut = path.IndexOfAny('?', '#');
        if (cut >= 0)
        {
            path = path[..cut];
        }

        path = path.TrimEnd('/');

        PaperUrlKind kind;
        ReadOnlySpan<char> rest;
        if (IsAnyOf(host, ArxivHosts))
        {
            kind = PaperUrlKind.Arxiv;
            if (!TryStrip(path, "abs/", out rest) && !TryStrip(path, "pdf/", out rest) && !TryStrip(path, "html/", out rest)
                && !TryStrip(path, "format/", out rest))
            {
                return PaperUrlKind.NotAPaper;
            }
        }
        else if (IsAnyOf(host, PaperPageHosts))
        {
            kind = PaperUrlKind.PaperPage;
            if (!TryStrip(path, "papers/", out rest))
            {
                return PaperUrlKind.NotAPaper;
            }
        }
        else if (IsAnyOf(host, AlphaxivHosts))
        {
            kind = PaperUrlKind.PaperPage;
            if (!TryStrip(path, "abs/", out rest) && !TryStrip(path, "overview/", out rest) && !TryStrip(path, "pdf/", out rest))
            {
                return PaperUrlKind.NotAPaper;
            }
        }
        else
        {
            return PaperUrlKind.NotAPaper;
        }

        if (rest.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[..^4];
        }

        return ArxivId.TryParse(rest, out id) ? kind : PaperUrlKind.Malformed;
    }

    /// <summary>
    /// Reads a GitHub repository from a URL and normalises it to <c>https://github.com/{owner}/{repo}</c>
    /// (no <c>.git</c>, <c>/tree/…</c>, query, fragment or trailing slash).
    /// </summary>
    /// <param name="url">The URL.</param>
    /// <param name="owner">The repository owner.</param>
    /// <param name="repo">The repository name.</param>
    /// <param name="normalized">The normalised repository URL.</param>
    /// <returns>Whether the URL is a GitHub repository (or a page inside one).</returns>
    public static bool TryParseGitHub(string url, out string owner, out string repo, out string normalized)
    {
        owner = repo = normalized = "";
        var s = url.AsSpan().Trim();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            s = s[(scheme + 3)..];
        }

        var slash = s.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var host = s[..slash];
        if (!host.Equals("github.com", StringComparison.OrdinalIgnoreCase) && !host.Equals("www.github.com", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = s[(slash + 1)..];
        var cut = path.IndexOfAny('?', '#');
        if (cut >= 0)
        {
            path = path[..cut];
        }

        var parts = path.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return false;
        }

        var o = parts[0];
        var r = parts[1];
        if (r.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            r = r[..^4];
        }

        if (!IsGitHubName(o) || !IsGitHubName(r) || IsReservedOwner(o))
        {
            return false;
        }

        owner = o;
        repo = r;
        normalized = $"https://github.com/{o}/{r}";
        return true;
    }

    /// <summary>Whether a URL is a project page: a <c>github.io</c> or <c>gitlab.io</c> site.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>Whether it is a project page by its host.</returns>
    internal static bool IsProjectPageHost(string url)
    {
        var s = url.AsSpan();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            s = s[(scheme + 3)..];
        }

        var end = s.IndexOfAny('/', '?', '#');
        var host = end >= 0 ? s[..end] : s;
        return host.EndsWith(".github.io", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".gitlab.io", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The host part (port cut off) in lower case. ASCII hosts (nearly all) are returned as they are, to be compared ignoring
    /// case, without a copy; others are lowered with <see cref="string.ToLowerInvariant()"/>, which can map a non-ASCII
    /// letter (U+0130, U+212A) to an ASCII one.
    /// </summary>
    private static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> authority)
    {
        if (!System.Text.Ascii.IsValid(authority))
        {
            var lowered = authority.ToString().ToLowerInvariant();
            var c = lowered.IndexOf(':', StringComparison.Ordinal);
            var host = c >= 0 ? lowered.AsSpan(0, c) : lowered;

            // Still not ASCII: equal to no known host (and ignoring case would match more than the lowered text does).
            return System.Text.Ascii.IsValid(host) ? host : [];
        }

        var colon = authority.IndexOf(':');
        return colon >= 0 ? authority[..colon] : authority;
    }

    /// <summary>Whether a host (see <see cref="HostOf"/>) is one of <paramref name="hosts"/> (lower-case ASCII).</summary>
    private static bool IsAnyOf(ReadOnlySpan<char> host, string[] hosts)
    {
        foreach (var h in hosts)
        {
            if (host.Equals(h, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryStrip(ReadOnlySpan<char> path, string prefix, out ReadOnlySpan<char> rest)
    {
        if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            rest = path[prefix.Length..];
            return true;
        }

        // "abs/" with nothing after it (the trailing slash was trimmed): an arXiv page without an identifier.
        if (path.Equals(prefix.AsSpan(0, prefix.Length - 1), StringComparison.OrdinalIgnoreCase))
        {
            rest = [];
            return true;
        }

        rest = default;
        return false;
    }

    private static bool IsGitHubName(string s)
    {
        if (s.Length == 0 || s.Length > 100)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return s is not ("." or "..");
    }

    private static bool IsReservedOwner(string owner) => owner.ToLowerInvariant() is "orgs" or "settings" or "topics" or "features"
        or "marketplace" or "sponsors" or "about" or "pricing" or "search" or "explore" or "login" or "join" or "collections" or "trending";
}
