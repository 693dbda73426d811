namespace PaperDigest.Enrichment.Caching;

/// <summary>Where the persistent cache lives by default.</summary>
public static class EnrichmentCachePaths
{
    /// <summary>The cache file name inside the cache folder.</summary>
    public const string FileName = "enrichment.db";

    /// <summary>
    /// The default cache file: <c>$XDG_CACHE_HOME/paperdigest/enrichment.db</c>, else <c>~/.cache/paperdigest/enrichment.db</c>
    /// (<c>HOME</c>, then <c>USERPROFILE</c>); <see langword="null"/> when neither is known.
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable (injectable for tests); the process environment when <see langword="null"/>.</param>
    /// <returns>The path, or <see langword="null"/>.</returns>
    public static string? Default(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        var xdg = getEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "paperdigest", FileName);
        }

        var home = getEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = getEnvironmentVariable("USERPROFILE");
        }

        return string.IsNullOrWhiteSpace(home) ? null : Path.Combine(home, ".cache", "paperdigest", FileName);
    }
}
