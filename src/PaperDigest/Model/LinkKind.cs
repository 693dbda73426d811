namespace PaperDigest.Model;

/// <summary>What a link in a digest entry points at.</summary>
public enum LinkKind
{
    /// <summary>Anything not recognised below.</summary>
    Other = 0,

    /// <summary>A paper on arXiv (abstract, PDF or HTML page).</summary>
    Arxiv = 1,

    /// <summary>A GitHub repository; <see cref="DigestLink.Owner"/> and <see cref="DigestLink.Repo"/> are set.</summary>
    GitHubRepository = 2,

    /// <summary>A project page (a <c>github.io</c> site or a page the text calls a project page or website).</summary>
    ProjectPage = 3,

    /// <summary>A paper page that names an arXiv identifier on another site (Hugging Face papers, alphaXiv).</summary>
    PaperPage = 4,
}
