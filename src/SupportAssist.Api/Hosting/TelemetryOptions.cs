using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// Where traces and metrics go. Bound from <c>SupportAssist:Telemetry</c>. They are always collected; they leave the
/// process only through an OTLP endpoint (<see cref="OtlpEndpoint"/>) or the Prometheus scrape endpoint (<see cref="Prometheus"/>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "SupportAssist:Telemetry";

    /// <summary>The OTLP protocols an exporter can speak.</summary>
    public const string Grpc = "grpc";

    /// <inheritdoc cref="Grpc"/>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The <c>service.name</c> resource attribute traces and metrics carry.</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string ServiceName { get; set; } = "supportassist";

    /// <summary>
    /// An OpenTelemetry collector's OTLP endpoint (such as <c>http://otel-collector:4317</c> for gRPC, or
    /// <c>http://otel-collector:4318</c> for HTTP); traces and metrics are exported there when set. Empty: no export.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    [Required, RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "OtlpProtocol must be grpc or http/protobuf")]
    public string OtlpProtocol { get; set; } = Grpc;

    /// <summary>How often metrics are pushed to the OTLP endpoint.</summary>
    [Range(1, 3600)]
    public int OtlpExportIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Serve metrics for Prometheus to scrape at <c>/metrics</c>. The endpoint is an admin endpoint: it needs a key
    /// with the <c>admin</c> scope (and is open, like every admin endpoint, only when no key is configured at all).
    /// </summary>
    public bool Prometheus { get; set; }

    /// <summary>The OTLP endpoint as an absolute http(s) address, or null when none is configured.</summary>
    public Uri? OtlpUri => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint, UriKind.Absolute);

    /// <summary>True when <see cref="OtlpEndpoint"/> is empty or an absolute http(s) address.</summary>
    public bool HasValidOtlpEndpoint =>
        string.IsNullOrWhiteSpace(OtlpEndpoint)
        || (Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
