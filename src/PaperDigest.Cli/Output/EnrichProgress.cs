using System.Globalization;
using PaperDigest.Enrichment.Arxiv;

namespace PaperDigest.Cli.Output;

/// <summary>One self-rewriting progress line on a terminal's stderr: entries done of total, requests made, the wait until the next request.</summary>
internal sealed class EnrichProgress
{
    private readonly TextWriter _stderr;
    private readonly bool _enabled;
    private readonly int _total;
    private readonly ArxivRequestLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ITimer? _timer;
    private readonly Lock _lock = new();
    private int _done;
    private bool _finished;

    public EnrichProgress(TextWriter stderr, bool enabled, int total, ArxivRequestLimiter limiter, TimeProvider time)
    {
        _stderr = stderr;
        _enabled = enabled;
        _total = total;
        _limiter = limiter;
        _time = time;
        if (enabled)
        {
            _timer = time.CreateTimer(_ => Render(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        }
    }

    public void Done()
    {
        Interlocked.Increment(ref _done);
        Render();
    }

    public void Finish()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_enabled && !_finished)
            {
                _finished = true;
                _stderr.Write("\r\u001b[K");
                _stderr.Flush();
            }
        }
    }

    private void Render()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            var wait = _limiter.NextRequestAt is { } next ? next - _time.GetUtcNow() : TimeSpan.Zero;
            var waiting = wait > TimeSpan.Zero && _limiter.ActiveRequests == 0 ? string.Create(CultureInfo.InvariantCulture, $", next request in {wait.TotalSeconds:0.0} s") : "";
            _stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[Kenrich: {Volatile.Read(ref _done)}/{_total} entries, {_limiter.RequestCount} requests{waiting}"));
            _stderr.Flush();
        }
    }
}
