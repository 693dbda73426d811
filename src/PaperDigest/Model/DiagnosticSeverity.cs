namespace PaperDigest.Model;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; never fails a run.</summary>
    Info = 0,

    /// <summary>Probably a defect in the digest; fails a run only beyond a warning budget.</summary>
    Warning = 1,

    /// <summary>A defect that fails validation.</summary>
    Error = 2,
}
