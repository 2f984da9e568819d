using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// A request needs start-up work that is not done (the index still loading): 503 naming the component and what it is
/// doing, with Retry-After while it is still starting.
/// </summary>
internal sealed class NotReadyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Infrastructure.Readiness.NotReadyException notReady || httpContext.Response.HasStarted) return false;
        return await WriteAsync(problems, httpContext, exception, notReady, "The service is still starting.", notReady.Message);
    }

    /// <summary>Writes the 503 for <paramref name="notReady"/>: Retry-After while it is starting, the component in <c>waitingFor</c>.</summary>
    internal static ValueTask<bool> WriteAsync(
        IProblemDetailsService problems, HttpContext httpContext, Exception exception, Infrastructure.Readiness.NotReadyException notReady, string title, string detail) =>
        ServiceUnavailable.WriteAsync(problems, httpContext, exception, notReady.RetryAfter, title, detail, notReady.Component);
}
