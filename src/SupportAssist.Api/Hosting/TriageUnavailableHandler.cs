using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// Triage has no model: 503 with the reason; while the model is still loading or training, Retry-After and the
/// component it waits for (a case is still created: <c>CaseService</c> routes it to human review instead).
/// </summary>
internal sealed class TriageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SupportAssist.Triage.TriageUnavailableException unavailable || httpContext.Response.HasStarted) return false;
        if (unavailable.InnerException is Infrastructure.Readiness.NotReadyException notReady)
            return await NotReadyHandler.WriteAsync(problems, httpContext, exception, notReady, "Triage is unavailable", unavailable.Message);
        return await ServiceUnavailable.WriteAsync(problems, httpContext, exception, null, "Triage is unavailable", unavailable.Message);
    }
}
