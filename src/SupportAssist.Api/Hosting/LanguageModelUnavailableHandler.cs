using Microsoft.AspNetCore.Diagnostics;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// The language model failed where no degraded answer exists: 503 with Retry-After. Answers, drafts and triage fall
/// back by themselves; this is the one answer for any other path.
/// </summary>
internal sealed class LanguageModelUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is Answering.LanguageModelUnavailableException && !httpContext.Response.HasStarted
            ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, TimeSpan.FromSeconds(5), "The language model is unavailable.", "Try again shortly.")
            : ValueTask.FromResult(false);
}
