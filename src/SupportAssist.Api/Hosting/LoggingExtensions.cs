using Serilog;
using Serilog.Events;

namespace SupportAssist.Api.Hosting;

/// <summary>Serilog, configured from the <c>Serilog</c> section, with a request id on every request's events.</summary>
internal static class LoggingExtensions
{
    public const string RequestIdHeader = "X-Request-Id";

    public static void AddSupportAssistLogging(this WebApplicationBuilder builder)
    {
        // Configured per host (not a static bootstrap logger) so parallel test hosts do not share a frozen logger.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
    }

    public static void UseSupportAssistLogging(this WebApplication app)
    {
        // The request id is ASP.NET Core's TraceIdentifier: it is in every log event's scope (RequestId),
        // in problem+json bodies, and echoed in a response header so a client can quote it.
        app.Use((context, next) =>
        {
            context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
            return next(context);
        });
        app.UseSerilogRequestLogging(options =>
        {
            // Paths and status only: query strings may carry customer text.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
    }
}
