using System.Threading.Channels;

namespace PaperDigest.Cli.Input;

/// <summary>
/// Runs work on items in parallel and hands the results over in input order, with a bounded number of items in flight
/// so memory stays flat however many items there are.
/// </summary>
internal static class OrderedParallel
{
    public static async Task ForEachAsync<TIn, TOut>(
        IReadOnlyList<TIn> items,
        Func<TIn, CancellationToken, Task<TOut>> work,
        Func<TIn, TOut, ValueTask> onResult,
        int maxInFlight,
        CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Task<TOut>>(new BoundedChannelOptions(Math.Max(1, maxInFlight)) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var item in items)
                    {
                        var captured = item;
                        var task = Task.Run(() => work(captured, cancellationToken), cancellationToken);
                        await channel.Writer.WriteAsync(task, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    channel.Writer.TryComplete();
                }
            },
            cancellationToken);

        var index = 0;
        await foreach (var task in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await task.ConfigureAwait(false);
            await onResult(items[index++], result).ConfigureAwait(false);
        }

        await producer.ConfigureAwait(false);
    }
}
