using PaperDigest.Cli;

Warmup.StartFor(args);

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
try
{
    return await CliApp.RunAsync(args, CliContext.Default, stdout, stderr, cts.Token).ConfigureAwait(false);
}
catch (Exception ex)
{
    // Never a stack trace for the user: one line and the documented code for failures outside content.
    await stderr.WriteLineAsync($"error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
    return 2;
}
finally
{
    try
    {
        await stdout.FlushAsync().ConfigureAwait(false);
    }
    catch (IOException)
    {
        // Broken pipe (e.g. `| head`): nothing more to say.
    }
}
