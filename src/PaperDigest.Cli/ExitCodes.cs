namespace PaperDigest.Cli;

/// <summary>The exit codes of every command. Stable: documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was read (and, for validate, no errors were found).</summary>
    public const int Success = 0;

    /// <summary>Validation found errors (or more warnings than allowed); fmt --check found files to change.</summary>
    public const int Failures = 1;

    /// <summary>Wrong arguments, or an input could not be read or written.</summary>
    public const int UsageOrIoError = 2;

    /// <summary>Enrichment could not resolve everything (rate limit spent, offline miss, remote failures).</summary>
    public const int Incomplete = 3;

    /// <summary>Interrupted by Ctrl-C (SIGINT): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Ended by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
