namespace PaperDigest.Archive;

/// <summary>An index file cannot be used: it is not a PaperDigest index, was written by a newer version, or is damaged.</summary>
public sealed class ArchiveIndexException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArchiveIndexException()
    {
    }

    /// <summary>Creates the exception with a message that names the file.</summary>
    /// <param name="message">What is wrong, and what to do.</param>
    public ArchiveIndexException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the SQLite error behind it.</summary>
    /// <param name="message">What is wrong, and what to do.</param>
    /// <param name="innerException">The error behind it.</param>
    public ArchiveIndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
