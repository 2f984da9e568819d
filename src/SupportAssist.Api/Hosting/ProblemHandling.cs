using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
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
}
