namespace PaperDigest.Parsing;

/// <summary>Options for a <see cref="DigestParser"/>.</summary>
public sealed record DigestParserOptions
{
    /// <summary>The name used for automatic layout detection.</summary>
    public const string AutoLayout = "auto";

    /// <summary>
    /// The layout to read files with, by name, or <c>auto</c> to pick the best per file.
    /// <value>The default value is <c>auto</c>.</value>
    /// </summary>
    public string Layout { get; init; } = AutoLayout;

    /// <summary>
    /// The layouts the parser knows. <value>The default value is <see cref="DigestLayouts.All"/>.</value>
    /// </summary>
    internal IReadOnlyList<IDigestLayout>? Layouts { get; init; }

    /// <summary>
    /// Whether to read the <c>.paperdigest.json</c> nearest each parsed file (in its folder or above) for the layouts it
    /// declares and its <c>layout</c>, so that <see cref="Layout"/> may name a declared layout and files under a
    /// configuration with a <c>layout</c> are read with it. Documents parsed without a path look from the current folder.
    /// An unknown layout, or an invalid configuration where one is needed, gives a document with one PD0015 error.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool ReadConfiguration { get; init; }

    /// <summary>
    /// The largest file, in bytes, that is read; larger files give one error.
    /// <value>The default value is 256 MiB.</value>
    /// </summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;
}
