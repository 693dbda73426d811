using System.Runtime.InteropServices;
using PaperDigest.Cli;

Warmup.StartFor(args);

using var cts = new CancellationTokenSource();
var exitCode = ExitCodes.Interrupted;

// Ctrl-C (SIGINT) and SIGTERM cancel the run; whatever is still busy after two seconds (a parse that cannot be interrupted)
// is ended then, with the usual code for the signal (128 + its number).
void Stop(int code)
{
    if (cts.IsCancellationRequested)
    {
        return;
    }

    exitCode = code;
    cts.Cancel();
    _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ => Environment.Exit(code), TaskScheduler.Default);
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Stop(ExitCodes.Interrupted);
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Stop(ExitCodes.Terminated);
});

var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
try
{
    var code = await CliApp.RunAsync(args, CliContext.Default, stdout, stderr, cts.Token).ConfigureAwait(false);
    return cts.IsCancellationRequested ? exitCode : code;
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    return exitCode;
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
