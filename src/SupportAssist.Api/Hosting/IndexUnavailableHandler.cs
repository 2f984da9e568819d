using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// The search index (Qdrant) cannot be reached or refused the request: 503. A write stops there: nothing more is
/// written (an NDJSON import keeps the lines it had already imported). The client gets our words; the index's own
/// text (it may name hosts or collections) goes to the log with the exception.
/// </summary>
internal sealed class IndexUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is Retrieval.IndexUnavailableException unavailable && !httpContext.Response.HasStarted
            ? unavailable.Transient
                ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, TimeSpan.FromSeconds(5), "The search index is unavailable.", "The search index cannot be reached. Try again shortly.")
                : ServiceUnavailable.WriteAsync(problems, httpContext, exception, null, "The search index is unavailable.", "The search index refused the request; an operator must check its configuration.")
            : ValueTask.FromResult(false);
}
