using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SupportAssist.Api.Hosting;

/// <summary>Every error is RFC 7807 problem+json carrying the request id; unreadable requests say why.</summary>
internal static class ProblemHandling
{
    public static void AddProblemHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier);
        // After the default writer: a client that accepts only text/event-stream (or anything but JSON) still gets its problem.
        builder.Services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        // Binding failures become exceptions so the handler below can name the field and the reason.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<EmbedderMismatchHandler>();
        builder.Services.AddExceptionHandler<IndexUnavailableHandler>();
        builder.Services.AddExceptionHandler<EmbeddingUnavailableHandler>();
        builder.Services.AddExceptionHandler<LanguageModelUnavailableHandler>();
        builder.Services.AddExceptionHandler<StoreBusyHandler>();
        builder.Services.AddExceptionHandler<StoreUnavailableHandler>();
        builder.Services.AddExceptionHandler<NotReadyHandler>();
        builder.Services.AddExceptionHandler<TriageUnavailableHandler>();
    }

    /// <summary>What Kestrel itself allows (it answers anything larger with an empty 414 or 431 before any middleware runs).</summary>
    private const int KestrelRequestLineBytes = 64 * 1024;
    private const int KestrelHeaderBytes = 64 * 1024;

    /// <summary>What this service allows; between the two, the client gets a problem it can read.</summary>
    public const int MaxRequestTargetChars = 8 * 1024;
    public const int MaxHeaderChars = 32 * 1024;

    public static void ConfigureServerLimits(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = KestrelRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeaderBytes;
        });

    public static void UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var problems = app.Services.GetRequiredService<IProblemDetailsService>();
        app.Use((context, next) => LimitRequestLineAndHeadersAsync(context, next, problems));
    }

    // The limits Kestrel would apply with an empty body, applied here with a problem+json body and the request id.
    private static Task LimitRequestLineAndHeadersAsync(HttpContext context, RequestDelegate next, IProblemDetailsService problems)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget?.Length
            ?? (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        var (status, title, detail) = target > MaxRequestTargetChars
            ? (StatusCodes.Status414UriTooLong, "The URL is too long.", $"The path and query must be at most {MaxRequestTargetChars} characters (got {target}).")
            : HeaderChars(context.Request.Headers) is var headers && headers > MaxHeaderChars
                ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.", $"The headers must total at most {MaxHeaderChars} characters (got {headers}).")
                : (0, "", "");
        if (status == 0) return next(context);
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } }).AsTask();
    }

    private static int HeaderChars(IHeaderDictionary headers)
    {
        var total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values) total += value?.Length ?? 0;
        }
        return total;
    }

    /// <summary>A validation problem for one field.</summary>
    public static ValidationProblem FieldProblem(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
}

/// <summary>
/// Writes a problem as <c>application/problem+json</c> whatever the request accepts; registered after the default
/// writer, so it only answers the requests that one declines (a streaming request's malformed body, a client that
/// sent <c>Accept: text/plain</c>). A 4xx a client can always read beats an empty one.
/// </summary>
internal sealed class AnyAcceptProblemWriter(
    Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> options, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= $"https://tools.ietf.org/html/rfc9110#section-{(problem.Status >= 500 ? "15.6" : "15.5")}";
        options.Value.CustomizeProblemDetails?.Invoke(context);
        // The runtime type, so a validation problem keeps its 'errors'; the API's options, so extensions are camelCase.
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}

/// <summary>A write while the index belongs to another embedder: 409 with the re-index command, nothing written.</summary>
internal sealed class EmbedderMismatchHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Knowledge.EmbedderMismatchException mismatch) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status409Conflict, Title = "The index must be rebuilt first.", Detail = mismatch.Message },
        });
    }
}

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

/// <summary>
/// Turns <see cref="BadHttpRequestException"/> (malformed JSON, a value of the wrong type, an empty or missing body,
/// bad route values, oversized bodies) into a 4xx problem. A JSON error names its field in <c>errors</c> (by its path:
/// <c>question</c>, <c>customer.name</c>, <c>thread[0].text</c>); the framework's own wording never reaches the client.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        var (field, message) = Describe(bad);
        ProblemDetails problem = field is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
        problem.Status = bad.StatusCode;
        problem.Title = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
            _ => "The request could not be read.",
        };
        problem.Detail = message;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static (string? Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var where = $"(line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})";
            // A value of the wrong type has a path to it; a syntax error is about the body as a whole.
            return field is null
                ? ("body", $"is not valid JSON {where}")
                : (field, $"has the wrong type or is not valid JSON {where}");
        }
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => (null, "The request body is larger than this endpoint accepts."),
            StatusCodes.Status415UnsupportedMediaType => (null, "Send the body as application/json."),
            _ when exception.Message.StartsWith("Implicit body", StringComparison.Ordinal) || exception.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase)
                => ("body", "is required: a JSON object"),
            _ when exception.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) => (null, "Send the body as application/json."),
            _ => (null, "The request could not be read."),
        };
    }

    // "$.customer.name" → "customer.name", "$.thread[0].text" → "thread[0].text", "$['odd key']" → "odd key"; "$" → none.
    internal static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return field.Length == 0 ? null : field;
    }
}

/// <summary>The store's write queue is full: 503 with Retry-After, nothing written (back-pressure, not a failure).</summary>
internal sealed class StoreBusyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is SupportAssist.Outcomes.StoreBusyException busy && !httpContext.Response.HasStarted
            ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, busy.RetryAfter, "The service is busy.", "Too many writes are waiting; nothing was written. Try again shortly.")
            : ValueTask.FromResult(false);
}

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

/// <summary>The shared store (PostgreSQL) cannot be reached: 503 with Retry-After, nothing written; the API recovers by itself when it is back.</summary>
internal sealed class StoreUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is SupportAssist.Outcomes.StoreUnavailableException unavailable && !httpContext.Response.HasStarted
            ? ServiceUnavailable.WriteAsync(problems, httpContext, exception, unavailable.RetryAfter, "The service's store is unavailable.", "Nothing was written. Try again shortly.")
            : ValueTask.FromResult(false);
}

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
