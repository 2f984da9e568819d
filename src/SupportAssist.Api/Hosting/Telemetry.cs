using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SupportAssist.Answering;
using SupportAssist.Diagnostics;
using SupportAssist.Drafting;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient (embedding, LLM, Qdrant and webhook calls), the runtime,
/// Npgsql, and our own <see cref="SupportAssistTelemetry.Name"/> meter and spans. Exported over OTLP when an endpoint is
/// configured, and scraped at <c>/metrics</c> (an admin endpoint) when <see cref="TelemetryOptions.Prometheus"/> is on.
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the providers and our metrics; call after every store and composer is registered (it decorates them).</summary>
    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => o.HasValidOtlpEndpoint, $"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute http or https address such as http://otel-collector:4317");
        builder.Services.AddSingleton<SupportAssistMetrics>();
        builder.Services.Decorate<IOutcomeLog>((sp, inner) => new MeasuredOutcomeLog(inner, sp.GetRequiredService<SupportAssistMetrics>()));
        builder.Services.Decorate<IAnswerComposer>((sp, inner) => new MeasuredAnswerComposer(inner, sp.GetRequiredService<SupportAssistMetrics>()));
        builder.Services.Decorate<IDraftComposer>((sp, inner) => new MeasuredDraftComposer(inner, sp.GetRequiredService<SupportAssistMetrics>()));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration[$"{TelemetryOptions.Section}:ServiceName"] ?? new TelemetryOptions().ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(SupportAssistTelemetry.Name)
                // The scrape and the health probes are not worth a trace each.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(SupportAssistTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation());
        // The scrape exporter is a reader of the meter provider, registered now or never: the switch is read from the
        // configuration the host starts with (appsettings, environment, command line); MapTelemetry checks it still holds.
        var prometheus = builder.Configuration.GetValue<bool>($"{TelemetryOptions.Section}:Prometheus");
        if (prometheus) telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        builder.Services.AddSingleton(new PrometheusRegistration(prometheus));

        // The OTLP exporters are added when the providers are built, from the validated options (every configuration
        // source is in by then, tests' included).
        builder.Services.ConfigureOpenTelemetryTracerProvider((sp, tracing) =>
        {
            if (Otlp(sp, "v1/traces") is { } options) tracing.AddProcessor(new BatchActivityExportProcessor(new OtlpTraceExporter(options)));
        });
        builder.Services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            if (Otlp(sp, "v1/metrics") is not { } options) return;
            var interval = sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.OtlpExportIntervalSeconds;
            metrics.AddReader(new PeriodicExportingMetricReader(new OtlpMetricExporter(options), interval * 1000));
        });
    }

    /// <summary>Maps <c>/metrics</c> as an admin endpoint when Prometheus scraping is on.</summary>
    /// <exception cref="InvalidOperationException">The Prometheus switch came from a configuration source added after registration.</exception>
    public static void MapTelemetry(this WebApplication app)
    {
        var enabled = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (enabled != app.Services.GetRequiredService<PrometheusRegistration>().Registered)
            throw new InvalidOperationException($"{TelemetryOptions.Section}:Prometheus is {enabled} now but was {!enabled} when the exporter was registered: "
                + "set it in appsettings.json, an environment variable or the command line, not in a configuration source added later.");
        if (!enabled) return;
        app.MapPrometheusScrapingEndpoint(MetricsPath).ForClass(EndpointClass.Admin).WithTags("Telemetry").ExcludeFromDescription();
    }

    // Whether the Prometheus exporter was registered with the meter provider.
    private sealed record PrometheusRegistration(bool Registered);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.Ordinal) || path.StartsWithSegments("/health", StringComparison.Ordinal);

    // The exporter's options for one signal; over HTTP the signal's path is part of the address, over gRPC it is not.
    private static OtlpExporterOptions? Otlp(IServiceProvider services, string signalPath)
    {
        var settings = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (settings.OtlpUri is not { } endpoint) return null;
        var http = settings.OtlpProtocol == TelemetryOptions.HttpProtobuf;
        return new OtlpExporterOptions
        {
            Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc,
            Endpoint = http ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : endpoint,
        };
    }

    // Wraps the registered TService (singleton) in a decorator, whichever way it was registered.
}
