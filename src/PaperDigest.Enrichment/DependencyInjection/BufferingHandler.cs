namespace PaperDigest.Enrichment.DependencyInjection;

/// <summary>
/// Reads each answer's body inside the resilience pipeline, with a size limit, so that a truncated or stalled body
/// counts as a failed attempt (retried, and bounded by the attempt timeout) rather than failing after the pipeline.
/// </summary>
internal sealed class BufferingHandler(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.Content.Headers.ContentLength is not > 0 || response.Content.Headers.ContentLength <= maxBytes)
            {
                await response.Content.LoadIntoBufferAsync(maxBytes, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
