using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportAssist.Api.Hosting;

/// <summary>Every error is RFC 7807 problem+json carrying the request id; unreadable requests say why.</summary>
internal static class ProblemHandling
{
    public static void AddProblemHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier);
        // Binding failures become exceptions so the handler below can name the field and the reason.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<EmbedderMismatchHandler>();
        builder.Services.AddExceptionHandler<IndexUnavailableHandler>();
    }

    public static void UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    /// <summary>A validation problem for one field.</summary>
    public static ValidationProblem FieldProblem(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
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
/// The search index (Qdrant) cannot be reached or refused the request: 503 with the reason. A write stops there:
/// nothing more is written (an NDJSON import keeps the lines it had already imported).
/// </summary>
internal sealed class IndexUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Retrieval.IndexUnavailableException unavailable || httpContext.Response.HasStarted) return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        if (unavailable.Transient) httpContext.Response.Headers.RetryAfter = "5";
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The search index is unavailable.", Detail = unavailable.Message },
        };
        if (await problems.TryWriteAsync(context)) return true;
        // The writer declines requests that accept only text/event-stream; they still get the problem, as JSON.
        context.ProblemDetails.Extensions["requestId"] = httpContext.TraceIdentifier;
        await httpContext.Response.WriteAsJsonAsync(context.ProblemDetails, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }
}

/// <summary>Turns <see cref="BadHttpRequestException"/> (malformed JSON, bad route values, oversized bodies) into a 4xx problem.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = Describe(bad),
            },
        });
    }

    private static string Describe(BadHttpRequestException exception) => exception.InnerException switch
    {
        JsonException json => $"Invalid JSON in the request body at {json.Path ?? "$"} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).",
        _ => exception.Message,
    };
}
