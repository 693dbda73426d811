using System.Net.Http.Headers;
using System.Text.Json;
using Polly.Timeout;

namespace PaperDigest.Enrichment.GitHub;

/// <summary>
/// Sends one request to GitHub: the headers every request carries, the token only to the configured API host (never to a
/// host a redirect points at), and transport failures turned into a reason instead of an exception.
/// </summary>
internal sealed class GitHubConnection(HttpClient http, GitHubClientOptions options, string? token, Uri apiUrl)
{
    /// <summary>The REST API root, with a trailing slash.</summary>
    public Uri ApiUrl => apiUrl;

    public bool HasToken => token is not null;

    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");

        // The token goes to the configured API host only: never to a host a redirect points at.
        if (token is not null && IsApiHost(uri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>Sends a request; a failure to get an answer (time-out, connection) is a reason, never an exception.</summary>
    public async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            return (response, null);
        }
        catch (TimeoutRejectedException)
        {
            return (null, $"{request.RequestUri!.Host} did not answer in time (timed out after {options.TransientRetries + 1} attempts of {options.AttemptTimeout.TotalSeconds:0.#} s).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{request.RequestUri!.Host} did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            // The message of an HttpRequestException names the host and the error, never the request headers.
            return (null, $"could not reach {request.RequestUri!.Host}: {ex.HttpRequestError}.");
        }
    }

    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>GitHub's error body (<c>message</c>, and <c>block</c> for 451), if the body is one.</summary>
    public static RestError? ParseError(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, GitHubRestJsonContext.Default.RestError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private bool IsApiHost(Uri uri)
        => string.Equals(uri.Scheme, apiUrl.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(uri.IdnHost, apiUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
           && uri.Port == apiUrl.Port;
}
