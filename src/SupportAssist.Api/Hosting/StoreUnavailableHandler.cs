using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>The shared store (PostgreSQL) cannot be reached: 503 with Retry-After, nothing written; the API recovers by itself when it is back.</summary>
internal sealed class StoreUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is SupportAssist.Outcomes.StoreUnavailableException unavailable && !httpContext.Response.HasStarted
            ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, unavailable.RetryAfter, "The service's store is unavailable.", "Nothing was written. Try again shortly.")
            : ValueTask.FromResult(false);
}
