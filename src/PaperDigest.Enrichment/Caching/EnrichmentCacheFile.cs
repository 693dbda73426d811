namespace PaperDigest.Enrichment.Caching;

/// <summary>
/// The persistent cache file: where it lives by default, whether a file may be used as one, and opening it. The SQLite
/// implementation behind it is internal; <c>AddPaperDigestEnrichment</c> opens the same file from
/// <see cref="DependencyInjection.PaperDigestEnrichmentOptions.CachePath"/>.
/// </summary>
public static class EnrichmentCacheFile
{
    /// <summary>The cache file name inside the cache folder.</summary>
    internal const string FileName = "enrichment.db";

    /// <summary>
    /// The default cache file: <c>$XDG_CACHE_HOME/paperdigest/enrichment.db</c>, else <c>~/.cache/paperdigest/enrichment.db</c>
    /// (<c>HOME</c>, then <c>USERPROFILE</c>); <see langword="null"/> when neither is known.
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable (injectable for tests); the process environment when <see langword="null"/>.</param>
    /// <returns>The path, or <see langword="null"/>.</returns>
    public static string? DefaultPath(Func<string, string?>? getEnvironmentVariable = null)
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

    /// <summary>
    /// Whether a file may be used (and, if corrupt, rebuilt) as the cache: it does not exist, is empty, or is the cache's
    /// SQLite database. Anything else belongs to someone else and is never written.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns><see langword="true"/> when the cache may use the file.</returns>
    public static bool CanUse(string path) => SqliteEnrichmentCache.CanUse(path);

    /// <summary>
    /// Opens the cache file (created, with its folder, on first write), for sharing the answers of an enrichment run, as the
    /// archive index does. A cache problem never throws: it is reported, and the file is rebuilt or treated as empty.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="reportProblem">Called with a message when something went wrong and was recovered from; <see langword="null"/> ignores problems.</param>
    /// <returns>The cache.</returns>
    public static IEnrichmentCache Open(string path, Action<string>? reportProblem = null) => new SqliteEnrichmentCache(path, reportProblem);
}
