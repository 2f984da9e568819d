using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>The store's write queue is full: 503 with Retry-After, nothing written (back-pressure, not a failure).</summary>
internal sealed class StoreBusyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is SupportAssist.Outcomes.StoreBusyException busy && !httpContext.Response.HasStarted
            ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, busy.RetryAfter, "The service is busy.", "Too many writes are waiting; nothing was written. Try again shortly.")
            : ValueTask.FromResult(false);
}
