using System.Buffers.Binary;
using System.Diagnostics;
using AngleSharp.Html.Parser;
using PaperDigest.Archive.Tests.Infrastructure;

namespace PaperDigest.Archive.Tests;

/// <summary>
/// The HTML report opened in a real headless Chromium, as a person on a phone would see it: a screenshot is taken, and the
/// DOM the browser built is checked for the charts and tables. Skipped, with a message, when Chromium is not installed
/// (<c>apt-get install chromium</c>; <c>.ci/run</c> installs it). The screenshot is kept in
/// <c>$PAPERDIGEST_SCREENSHOT_DIR</c> when set, else in a temporary folder, and its path is printed.
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private const int Width = 412;
    private const int Height = 915;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    public static string? FindChromium()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PAPERDIGEST_CHROMIUM");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [Fact]
    public async Task Report_InHeadlessChromium_RendersChartsAndTablesOnAPhoneSizedScreen()
    {
        var chromium = FindChromium();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (apt-get install -y chromium, or set PAPERDIGEST_CHROMIUM); .ci/run installs it.");

        var samples = Path.Combine(SharedFiles.RepoRoot, "samples", "archive");
        var files = Directory.EnumerateFiles(samples, "*.md").Order(StringComparer.Ordinal).ToList();
        files.Add(_dir.Write("2025-02-03.md", TempFolder.Entry("s1: Simple test-time scaling", "s1：简单的测试时扩展", "https://arxiv.org/abs/2501.19393", "Again, with code at https://github.com/simplescaling/s1") + "\n## Broken\n[坏](https://arxiv.org/abs/9999.99999)\n\nshort\n"));
        using var index = ArchiveIndex.Open(_dir.Database);
        await index.IndexAsync(files, cancellationToken: TestContext.Current.CancellationToken);
        var report = index.BuildReport();
        var page = _dir.Write("report/report.html", ReportRenderer.Html(report, new ReportRenderOptions { OutputDirectory = _dir.Path("report") }));

        var shots = Environment.GetEnvironmentVariable("PAPERDIGEST_SCREENSHOT_DIR") is { Length: > 0 } d ? Directory.CreateDirectory(d).FullName : _dir.Path("report");
        var screenshot = Path.Combine(shots, "report-phone.png");
        File.Delete(screenshot);
        var url = new Uri(page).AbsoluteUri;

        var (dom, domError) = await RunAsync(chromium!, ["--dump-dom", url]);
        var (_, shotError) = await RunAsync(chromium!, [$"--screenshot={screenshot}", $"--window-size={Width},{Height}", url]);

        var doc = new HtmlParser().ParseDocument(dom);
        doc.Title.Should().Be("Digest archive report", $"Chromium's DOM dump should be the report (stderr: {domError})");
        doc.QuerySelector("svg[data-chart=weeks]")!.QuerySelectorAll("rect.bar").Should().NotBeEmpty();
        doc.QuerySelector("svg[data-chart=layouts]").Should().NotBeNull();
        doc.QuerySelector("svg[data-chart=repositories]").Should().NotBeNull();
        doc.QuerySelectorAll("#files-table tbody tr").Should().HaveCount(report.Documents);
        doc.QuerySelectorAll("#duplicates-table tbody tr").Should().HaveCount(report.Duplicates.Count).And.NotBeEmpty();
        doc.QuerySelectorAll("#errors-table tbody tr").Should().HaveCount(report.Errors.Count).And.NotBeEmpty();

        File.Exists(screenshot).Should().BeTrue($"Chromium should write the screenshot (stderr: {shotError})");
        var png = await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken);
        png.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).Should().Be(Width);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).Should().Be(Height);
        TestContext.Current.SendDiagnosticMessage($"report screenshot: {screenshot}");
    }

    private async Task<(string Output, string Error)> RunAsync(string chromium, string[] args)
    {
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", $"--user-data-dir={_dir.Path("profile-" + Guid.NewGuid().ToString("N"))}", .. args])
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within two minutes");
        }

        return (await output, await error);
    }
}
