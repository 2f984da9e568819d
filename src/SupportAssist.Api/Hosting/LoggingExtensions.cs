using Serilog;
using Serilog.Events;

namespace SupportAssist.Api.Hosting;

/// <summary>Serilog, configured from the <c>Serilog</c> section, with a request id on every request's events.</summary>
internal static class LoggingExtensions
{
    public const string RequestIdHeader = "X-Request-Id";

    public static void AddSupportAssistLogging(this WebApplicationBuilder builder)
    {
        // Configured per host and kept out of Serilog's static Log.Logger (preserveStaticLogger): otherwise every host's
        // ILogger writes through the static logger, which the last host to start owns, and parallel hosts (tests, the
        // eval harness) log into each other's sinks.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            // No enricher is needed for traces: Serilog stamps each event with Activity.Current's trace and span ids
            // (LogEvent.TraceId/SpanId, {TraceId} and {SpanId} in output templates, @tr/@sp in compact JSON).
            .Enrich.FromLogContext(), preserveStaticLogger: true);
    }

    public static void UseSupportAssistLogging(this WebApplication app)
    {
        // The request id is ASP.NET Core's TraceIdentifier: it is in every log event's scope (RequestId),
        // in problem+json bodies, and echoed in a response header so a client can quote it.
        // Added as the response starts, so it survives the exception handler clearing the headers of a failed request.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger: the middleware would otherwise write through the static one, which no host owns.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // Paths and status only: query strings may carry customer text.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
    }
}
