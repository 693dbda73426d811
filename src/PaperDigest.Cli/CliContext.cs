namespace PaperDigest.Cli;

/// <summary>What the commands need from the outside world, injectable for in-process tests.</summary>
internal sealed class CliContext
{
    public TextReader In { get; init; } = Console.In;

    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public bool ErrorIsTerminal { get; init; } = !Console.IsErrorRedirected;

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    public static CliContext Default { get; } = new();

    public bool UseColor => ErrorIsTerminal && string.IsNullOrEmpty(GetEnvironmentVariable("NO_COLOR"));
}
