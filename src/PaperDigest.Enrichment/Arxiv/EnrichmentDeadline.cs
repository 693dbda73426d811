namespace PaperDigest.Enrichment.Arxiv;

/// <summary>
/// The run's deadline for arXiv requests (<see cref="DependencyInjection.PaperDigestEnrichmentOptions.Deadline"/>), counted
/// from the first request; each request's token is linked to it, so that past it every request ends at once.
/// </summary>
internal sealed class EnrichmentDeadline(TimeSpan? deadline, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _source;

    /// <summary>Whether the deadline has passed.</summary>
    public bool Passed => _source?.IsCancellationRequested == true;

    /// <summary>A token source cancelled by <paramref name="cancellationToken"/> or by the deadline; the caller disposes it.</summary>
    public CancellationTokenSource Link(CancellationToken cancellationToken)
    {
        if (deadline is not { } d)
        {
            return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        lock (_lock)
        {
            _source ??= new CancellationTokenSource(d, time);
        }

        return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _source.Token);
    }

    public void Dispose() => _source?.Dispose();
}
