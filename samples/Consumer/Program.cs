// The library example shown in README.md and docs/library.md; CI builds and runs it against the packed package.
using PaperDigest.Parsing;
using PaperDigest.Writing;

var path = args.Length > 0 ? args[0] : "../archive/2025-01-31.md";
var document = DigestParser.Default.ParseFile(path);

foreach (var entry in document.Entries)
{
    Console.WriteLine($"{entry.ArxivId} | {entry.Title} | {entry.TranslatedTitle}");
}

foreach (var diagnostic in document.Diagnostics)
{
    Console.Error.WriteLine(diagnostic);
}

// Canonical Markdown back out.
var markdown = DigestWriter.Write(document);
Console.WriteLine($"{document.Entries.Count} entries, {markdown.Length} characters of canonical Markdown");
