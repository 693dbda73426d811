using System.Threading.RateLimiting;

namespace PaperDigest.Enrichment.Arxiv;

/// <summary>
/// arXiv's politeness rule as a <see cref="RateLimiter"/>: one request at a time, and the next one no sooner than
/// <c>interval</c> after the previous one ended. Waits go through the injected <see cref="TimeProvider"/>, so tests
/// advance a fake clock instead of sleeping. One instance is shared by every request to arXiv (API and abstract pages).
/// </summary>
/// <remarks>
/// Public only so that a host can show progress from the container's instance (<see cref="RequestCount"/>,
/// <see cref="ActiveRequests"/>, <see cref="NextRequestAt"/>), as the CLI's progress line does; nothing else calls it.
/// Only <c>AddPaperDigestEnrichment</c> makes one.
/// </remarks>
public sealed class ArxivRequestLimiter : RateLimiter
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private long _requests;
    private int _active;
    private long _queued;
    private DateTimeOffset? _nextAllowed;
    private DateTimeOffset? _lastEnd;

    /// <summary>Creates a limiter.</summary>
    /// <param name="interval">The least time between the end of a request and the start of the next.</param>
    /// <param name="timeProvider">The clock.</param>
    internal ArxivRequestLimiter(TimeSpan interval, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Interval = interval;
        _time = timeProvider;
    }

    /// <summary>The least time between two requests.</summary>
    internal TimeSpan Interval { get; }

    /// <summary>How many requests were let through so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>How many requests hold a lease right now (0 or 1): a request is on the wire.</summary>
    public int ActiveRequests => Volatile.Read(ref _active);

    /// <summary>When the next request may start, or <see langword="null"/> before the first one ended.</summary>
    public DateTimeOffset? NextRequestAt => _nextAllowed;

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => _lastEnd is { } end && _gate.CurrentCount == 1 ? _time.GetUtcNow() - end : null;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = _gate.CurrentCount,
        CurrentQueuedCount = Interlocked.Read(ref _queued),
        TotalSuccessfulLeases = RequestCount,
        TotalFailedLeases = 0,
    };

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        if (!_gate.Wait(0))
        {
            return Lease.Failed;
        }

        if (_nextAllowed is { } next && next > _time.GetUtcNow())
        {
            _gate.Release();
            return Lease.Failed;
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _active);
        return new Lease(this);
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        Interlocked.Increment(ref _queued);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }

        try
        {
            if (_nextAllowed is { } next)
            {
                var wait = next - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _active);
        return new Lease(this);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Release()
    {
        var now = _time.GetUtcNow();
        _lastEnd = now;
        _nextAllowed = now + Interval;
        Interlocked.Decrement(ref _active);
        _gate.Release();
    }

    private sealed class Lease(ArxivRequestLimiter? owner) : RateLimitLease
    {
        public static readonly Lease Failed = new(null);
        private readonly bool _acquired = owner is not null;
        private ArxivRequestLimiter? _owner = owner;

        public override bool IsAcquired => _acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Interlocked.Exchange(ref _owner, null)?.Release();
            base.Dispose(disposing);
        }
    }
}
