using System.Globalization;
using System.Net;
using System.Text;

namespace PaperDigest.Archive;

/// <summary>How a report is rendered.</summary>
public sealed record ReportRenderOptions
{
    /// <summary>The report's title.</summary>
    /// <value>The default value is <c>Digest archive report</c>.</value>
    public string Title { get; init; } = "Digest archive report";

    /// <summary>
    /// The folder the report is written to: links to files are made relative to it (with <c>#L</c><i>line</i>, as GitHub
    /// shows lines). <see langword="null"/> links the paths as they were indexed.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? OutputDirectory { get; init; }

    /// <summary>When the report was made, printed in its footer; <see langword="null"/> prints none (reproducible output).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>How many rows the Markdown summary lists per table (a GitHub step summary holds at most 1 MiB).</summary>
    /// <value>The default value is 50.</value>
    public int MarkdownRowLimit { get; init; } = 50;
}

/// <summary>
/// Renders an <see cref="ArchiveReport"/> as one self-contained HTML page (inline CSS and SVG charts, no script, nothing
/// fetched when viewed, readable on a phone) or as a plain Markdown summary for a GitHub step summary.
/// </summary>
public static class ReportRenderer
{
    /// <summary>The report as an HTML page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">How to render it; defaults when <see langword="null"/>.</param>
    /// <returns>The page.</returns>
    public static string Html(ArchiveReport report, ReportRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new ReportRenderOptions();
        var h = new StringBuilder(64 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(options.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>").Append(E(options.Title)).Append("</h1>\n");
        h.Append("<ul class=\"stats\" id=\"summary\">")
            .Append(Stat("files", report.Documents)).Append(Stat("entries", report.Entries))
            .Append(Stat("repositories linked", report.Repositories.Count)).Append(Stat("duplicated papers", report.Duplicates.Count))
            .Append(Stat("errors", report.Errors.Count)).Append(Stat("warnings", report.Warnings))
            .Append("</ul>\n");

        h.Append("<section id=\"weeks\">\n<h2>Papers per week</h2>\n");
        if (report.Weeks.Count == 0)
        {
            h.Append("<p class=\"note\">No file has a date in its name, folders or heading, so papers cannot be counted by week.</p>\n");
        }
        else
        {
            h.Append("<p class=\"note\">Entries per ISO week of the files' dates (")
                .Append(report.DatedDocuments.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                .Append(report.Documents.ToString(CultureInfo.InvariantCulture)).Append(" files dated).</p>\n");
            WeekChart(h, report.Weeks);
        }

        h.Append("</section>\n");

        h.Append("<section id=\"layouts\">\n<h2>Entries per layout</h2>\n");
        BarChart(h, "layouts", report.Layouts.Select(l => (l.Layout, l.Entries)).ToList(), "entries");
        Table(h, "layouts-table", ["Layout", "Files", "Entries"], report.Layouts.Select(l => new[] { Code(l.Layout), N(l.Files), N(l.Entries) }));
        h.Append("</section>\n");

        h.Append("<section id=\"files\">\n<h2>Entries per file</h2>\n");
        Table(h, "files-table", ["File", "Layout", "Date", "Entries", "Errors", "Warnings"], report.Files.Select(f => new[]
        {
            Link(f.Path, null, options), Code(f.Layout), f.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", N(f.Entries),
            f.Errors > 0 ? "<strong class=\"bad\">" + N(f.Errors) + "</strong>" : "0", N(f.Warnings),
        }));
        h.Append("</section>\n");

        h.Append("<section id=\"repositories\">\n<h2>Most-linked GitHub repositories</h2>\n");
        if (report.Repositories.Count == 0)
        {
            h.Append("<p class=\"note\">No entry links a GitHub repository.</p>\n");
        }
        else
        {
            BarChart(h, "repositories", report.Repositories.Select(r => (r.Name, r.Entries)).ToList(), "entries");
            Table(h, "repositories-table", ["Repository", "Entries", "Stars", "State"], report.Repositories.Select(r => new[]
            {
                "<a href=\"https://github.com/" + E(r.FullName ?? r.Name) + "\">" + E(r.Name) + "</a>",
                N(r.Entries),
                r.Stars is { } s ? N(s) : "<span class=\"note\">not enriched</span>",
                E(RepositoryState(r)),
            }));
        }

        h.Append("</section>\n");

        h.Append("<section id=\"duplicates\">\n<h2>Duplicates across the archive</h2>\n");
        if (report.Duplicates.Count == 0)
        {
            h.Append("<p class=\"note\">No arXiv identifier appears in more than one entry.</p>\n");
        }
        else
        {
            Table(h, "duplicates-table", ["arXiv", "Title", "Where"], report.Duplicates.Select(d => new[]
            {
                "<a href=\"https://arxiv.org/abs/" + E(d.ArxivId) + "\">" + E(d.ArxivId) + "</a>",
                E(d.Title),
                string.Join("<br>", d.Places.Select(p => Link(p.Path, p.Line, options))),
            }));
        }

        h.Append("</section>\n");

        h.Append("<section id=\"errors\">\n<h2>Errors</h2>\n");
        if (report.Errors.Count == 0)
        {
            h.Append("<p class=\"note\">No error-level diagnostics.</p>\n");
        }
        else
        {
            Table(h, "errors-table", ["Where", "Rule", "Message"], report.Errors.Select(e => new[]
            {
                Link(e.Path, e.Line, options, e.Column), Code(e.Rule), E(e.Message),
            }));
        }

        h.Append("</section>\n");
        h.Append("<footer>Made by <code>paperdigest report</code>");
        if (options.GeneratedAt is { } at)
        {
            h.Append(" on ").Append(E(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        }

        h.Append(".</footer>\n</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>The report as Markdown: plain tables, no colour, no HTML, for a GitHub step summary or a terminal.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">How to render it; defaults when <see langword="null"/>.</param>
    /// <returns>The Markdown.</returns>
    public static string Markdown(ArchiveReport report, ReportRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new ReportRenderOptions();
        var limit = Math.Max(1, options.MarkdownRowLimit);
        var m = new StringBuilder(16 * 1024);
        m.Append("# ").Append(options.Title).Append("\n\n");
        m.Append(CultureInfo.InvariantCulture, $"{report.Documents} files, {report.Entries} entries, {report.Repositories.Count} repositories linked, {report.Duplicates.Count} duplicated papers, {report.Errors.Count} errors, {report.Warnings} warnings.\n\n");

        m.Append("## Papers per week\n\n");
        if (report.Weeks.Count == 0)
        {
            m.Append("No file has a date, so papers cannot be counted by week.\n\n");
        }
        else
        {
            var active = report.Weeks.Where(w => w.Entries > 0).ToList();
            var shown = active.Skip(Math.Max(0, active.Count - limit)).ToList();
            m.Append(CultureInfo.InvariantCulture, $"Weeks with entries{(shown.Count < active.Count ? $", the last {shown.Count} of {active.Count}" : "")}, from {report.Weeks[0].WeekStart:yyyy-MM-dd} to {report.Weeks[^1].WeekStart:yyyy-MM-dd}.\n\n");

            MdTable(m, ["Week of", "Entries"], shown.Select(w => new[] { w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(w.Entries) }));
        }

        m.Append("## Entries per layout\n\n");
        MdTable(m, ["Layout", "Files", "Entries"], report.Layouts.Select(l => new[] { "`" + l.Layout + "`", N(l.Files), N(l.Entries) }));

        m.Append("## Entries per file\n\n");
        MdLimited(m, report.Files.Count, limit, "files");
        MdTable(m, ["File", "Layout", "Entries", "Errors", "Warnings"], report.Files.Take(limit).Select(f => new[] { Md(f.Path), "`" + f.Layout + "`", N(f.Entries), N(f.Errors), N(f.Warnings) }));

        m.Append("## Most-linked GitHub repositories\n\n");
        if (report.Repositories.Count == 0)
        {
            m.Append("No entry links a GitHub repository.\n\n");
        }
        else
        {
            MdTable(m, ["Repository", "Entries", "Stars", "State"], report.Repositories.Take(limit).Select(r => new[] { Md(r.Name), N(r.Entries), r.Stars is { } s ? N(s) : "", Md(RepositoryState(r)) }));
        }

        m.Append("## Duplicates across the archive\n\n");
        if (report.Duplicates.Count == 0)
        {
            m.Append("No arXiv identifier appears in more than one entry.\n\n");
        }
        else
        {
            MdLimited(m, report.Duplicates.Count, limit, "duplicated papers");
            MdTable(m, ["arXiv", "Title", "Where"], report.Duplicates.Take(limit).Select(d => new[] { d.ArxivId, Md(d.Title), string.Join(", ", d.Places.Select(p => Md($"{p.Path}:{p.Line}"))) }));
        }

        m.Append("## Errors\n\n");
        if (report.Errors.Count == 0)
        {
            m.Append("No error-level diagnostics.\n");
        }
        else
        {
            MdLimited(m, report.Errors.Count, limit, "errors");
            MdTable(m, ["Where", "Rule", "Message"], report.Errors.Take(limit).Select(e => new[] { Md($"{e.Path}:{e.Line}:{e.Column}"), e.Rule, Md(e.Message) }));
        }

        return m.ToString().TrimEnd('\n') + "\n";
    }

    private const string Css = """
        :root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --bar: #2f6fde; --bad: #c62828; --line: #d0d7de; --bg: #fff; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bar: #58a6ff; --bad: #ff7b72; --line: #3d444d; --bg: #0d1117; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--fg); background: var(--bg); }
        main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
        .stats { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0; }
        .stats li { border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.75rem; min-width: 7rem; }
        .stats b { display: block; font-size: 1.3rem; }
        .note { color: var(--muted); }
        .bad { color: var(--bad); }
        .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        .scroll table.wide { min-width: 36rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        td { overflow-wrap: anywhere; }
        svg.chart { width: 100%; height: auto; display: block; margin: 0.5rem 0; }
        svg.chart rect.bar { fill: var(--bar); }
        svg.chart text { fill: var(--muted); font-size: 15px; }
        a { color: var(--bar); }
        footer { margin: 2rem 0 1rem; color: var(--muted); font-size: 0.85rem; }

        """;

    private static void WeekChart(StringBuilder h, IReadOnlyList<WeekCount> weeks)
    {
        const int width = 600, height = 240, left = 44, bottom = 28, top = 12;
        var max = Math.Max(1, weeks.Max(w => w.Entries));
        var slot = (double)(width - left) / weeks.Count;
        var barWidth = Math.Max(1, slot * 0.8);
        h.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"weeks-chart\" data-chart=\"weeks\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Entries per week\">\n");
        h.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" stroke=\"currentColor\" stroke-opacity=\"0.3\"/>\n");
        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + 8}\" text-anchor=\"end\">{max}</text><text x=\"{left - 4}\" y=\"{height - bottom}\" text-anchor=\"end\">0</text>\n");
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            var barHeight = (double)(height - bottom - top) * w.Entries / max;
            var x = left + (i * slot) + ((slot - barWidth) / 2);
            var y = height - bottom - barHeight;
            var label = w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            h.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{barWidth:0.##}\" height=\"{barHeight:0.##}\"><title>week of {label}: {w.Entries} entries</title></rect>\n");
        }

        var first = weeks[0].WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = weeks[^1].WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 6}\">{first}</text>");
        if (weeks.Count > 1)
        {
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{height - 6}\" text-anchor=\"end\">{last}</text>");
        }

        h.Append("\n</svg>\n");
    }

    private static void BarChart(StringBuilder h, string name, List<(string Label, int Value)> rows, string unit)
    {
        if (rows.Count == 0)
        {
            return;
        }

        const int width = 600, rowHeight = 26, labelWidth = 230;
        var max = Math.Max(1, rows.Max(r => r.Value));
        var height = rows.Count * rowHeight;
        h.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{name}-chart\" data-chart=\"{name}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(unit)} per {E(name)}\">\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = rows[i];
            var barWidth = (double)(width - labelWidth - 50) * value / max;
            var y = i * rowHeight;
            var shown = label.Length > 26 ? label[..25] + "…" : label;
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 18}\" text-anchor=\"end\">{E(shown)}</text>");
            h.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{Math.Max(1, barWidth):0.##}\" height=\"{rowHeight - 8}\"><title>{E(label)}: {value} {E(unit)}</title></rect>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + Math.Max(1, barWidth) + 4:0.##}\" y=\"{y + 18}\">{value}</text>\n");
        }

        h.Append("</svg>\n");
    }

    private static void Table(StringBuilder h, string id, string[] headers, IEnumerable<string[]> rows)
    {
        var numeric = headers.Select(x => x is "Files" or "Entries" or "Errors" or "Warnings" or "Stars").ToArray();
        // Tables of many columns keep a readable width and scroll sideways on a phone; narrow ones fit the screen.
        h.Append("<div class=\"scroll\"><table id=\"").Append(id).Append(headers.Length >= 5 ? "\" class=\"wide\">" : "\">").Append("\n<thead><tr>");
        for (var i = 0; i < headers.Length; i++)
        {
            h.Append(numeric[i] ? "<th class=\"n\">" : "<th>").Append(E(headers[i])).Append("</th>");
        }

        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                h.Append(numeric[i] ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n</table></div>\n");
    }

    private static string Link(string path, int? line, ReportRenderOptions options, int? column = null)
    {
        var target = path;
        if (options.OutputDirectory is { } dir && path != "-")
        {
            target = Path.GetRelativePath(Path.GetFullPath(dir), Path.GetFullPath(path));
        }

        var href = string.Join('/', target.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)) + (line is { } l ? "#L" + N(l) : "");
        var text = line is { } ln ? $"{path}:{ln}" + (column is { } c ? ":" + N(c) : "") : path;
        return "<a href=\"" + E(href) + "\">" + E(text) + "</a>";
    }

    private static string RepositoryState(RepositoryCount r) => r.State switch
    {
        null => "",
        "renamed" when r.FullName is not null => "renamed to " + r.FullName,
        _ when r.Archived == true => r.State + ", archived",
        _ => r.State,
    };

    private static string Stat(string label, int value) => "<li><b>" + N(value) + "</b>" + E(label) + "</li>";

    private static string Code(string text) => "<code>" + E(text) + "</code>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void MdLimited(StringBuilder m, int count, int limit, string what)
    {
        if (count > limit)
        {
            m.Append(CultureInfo.InvariantCulture, $"The first {limit} of {count} {what}; the HTML report lists them all.\n\n");
        }
    }

    private static void MdTable(StringBuilder m, string[] headers, IEnumerable<string[]> rows)
    {
        m.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n|");
        foreach (var header in headers)
        {
            m.Append(header is "Files" or "Entries" or "Errors" or "Warnings" or "Stars" ? " ---: |" : " --- |");
        }

        m.Append('\n');
        foreach (var row in rows)
        {
            m.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        m.Append('\n');
    }

    private static string Md(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '|' or '\\' or '*' or '_' or '[' or ']' or '<' or '>' or '`' or '#')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return sb.ToString();
    }
}
