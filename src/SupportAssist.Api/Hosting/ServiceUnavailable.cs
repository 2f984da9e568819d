namespace SupportAssist.Api.Hosting;

/// <summary>Every 503 the API answers: the problem, and Retry-After (whole seconds, at least 1) when trying again may help.</summary>
internal static class ServiceUnavailable
{
    public static async ValueTask<bool> WriteAsync(
        IProblemDetailsService problems, HttpContext httpContext, Exception exception, TimeSpan? retryAfter, string title, string detail, string? waitingFor = null)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        if (retryAfter is { } wait)
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        };
        if (waitingFor is not null) context.ProblemDetails.Extensions["waitingFor"] = waitingFor;
        return await problems.TryWriteAsync(context);
    }
}
