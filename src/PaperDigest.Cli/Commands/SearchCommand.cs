using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PaperDigest.Archive;

namespace PaperDigest.Cli.Commands;

/// <summary><c>paperdigest search</c>: full-text search of an index, best first.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string[]>("query")
        {
            Description = "Words or \"quoted phrases\" (all must match; English words match their other forms, CJK text any run of its characters), and filters: title:WORD, id:ARXIV-ID, repo:OWNER/NAME, date:2025-01 or date:2025-01-01..2025-03-31.",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = ArchiveOptions.Database(withDefault: true, create: false);
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many results.", DefaultValueFactory = _ => 20, HelpName = "n" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--limit must be at least 1.");
            }
        });

        var command = new Command("search", """
            Search an index built by 'paperdigest index', best matches first (bm25; a title match counts more).

            Examples:
              paperdigest search "speculative decoding"
              paperdigest search 推测解码
              paperdigest search diffusion repo:huggingface/diffusers date:2025-01..2025-06 --format json
            """)
        {
            query, db, format, limit,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var text = string.Join(' ', parseResult.GetValue(query) ?? []);
            var dbPath = parseResult.GetValue(db) ?? ArchiveOptions.DefaultDatabase;
            IReadOnlyList<SearchHit> hits;
            try
            {
                using var index = ArchiveIndex.OpenExisting(ArchiveOptions.Resolve(context, dbPath));
                hits = index.Search(text, parseResult.GetValue(limit));
            }
            catch (FormatException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
            catch (ArchiveIndexException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await stderr.WriteLineAsync($"{dbPath}: error: cannot read the index: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            if (parseResult.GetValue(format) == "json")
            {
                await stdout.WriteAsync(Json(hits)).ConfigureAwait(false);
            }
            else
            {
                if (hits.Count == 0)
                {
                    await stderr.WriteLineAsync("no entries match").ConfigureAwait(false);
                }

                await stdout.WriteAsync(Text(hits, context.UseColor)).ConfigureAwait(false);
            }

            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Each hit as a title line, a file:line line and the snippet, matches in «» (or bold with colour).</summary>
    internal static string Text(IReadOnlyList<SearchHit> hits, bool color)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
        {
            var h = hits[i];
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1}. {h.Title}");
            if (h.TranslatedTitle.Length > 0)
            {
                sb.Append(" / ").Append(h.TranslatedTitle);
            }

            if (h.ArxivId is not null)
            {
                sb.Append(" (").Append(h.ArxivId).Append(')');
            }

            sb.Append('\n').Append("   ").Append(h.Path).Append(':').Append(h.Line.ToString(CultureInfo.InvariantCulture));
            if (h.Date is { } d)
            {
                sb.Append("  ").Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            sb.Append('\n').Append("   ");
            var at = 0;
            foreach (var r in h.Highlights)
            {
                sb.Append(h.Snippet, at, r.Start - at).Append(color ? "\u001b[1;33m" : "«").Append(h.Snippet, r.Start, r.Length).Append(color ? "\u001b[0m" : "»");
                at = r.Start + r.Length;
            }

            sb.Append(h.Snippet, at, h.Snippet.Length - at).Append("\n\n");
        }

        return sb.ToString();
    }

    internal static string Json(IReadOnlyList<SearchHit> hits)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var h in hits)
            {
                w.WriteStartObject();
                w.WriteString("path", h.Path);
                w.WriteNumber("line", h.Line);
                w.WriteString("title", h.Title);
                w.WriteString("translatedTitle", h.TranslatedTitle);
                if (h.ArxivId is null)
                {
                    w.WriteNull("arxivId");
                }
                else
                {
                    w.WriteString("arxivId", h.ArxivId);
                }

                w.WriteString("url", h.Url);
                if (h.Date is { } d)
                {
                    w.WriteString("date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNull("date");
                }

                w.WriteString("snippet", h.Snippet);
                w.WriteStartArray("highlights");
                foreach (var r in h.Highlights)
                {
                    w.WriteStartObject();
                    w.WriteNumber("start", r.Start);
                    w.WriteNumber("length", r.Length);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("score", Math.Round(h.Score, 4));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
