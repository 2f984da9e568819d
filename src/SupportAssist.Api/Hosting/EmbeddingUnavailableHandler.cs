using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// The embedding provider failed where no degraded answer exists (an article write needs its vectors): 503 with
/// Retry-After, nothing written. Searches never get here: they answer from BM25.
/// </summary>
internal sealed class EmbeddingUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is Retrieval.EmbeddingUnavailableException && !httpContext.Response.HasStarted
            ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, TimeSpan.FromSeconds(5), "The embedding provider is unavailable.", "Nothing was written. Try again shortly.")
            : ValueTask.FromResult(false);
}
