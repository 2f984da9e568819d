using System.Diagnostics;

namespace SupportAssist.Diagnostics;

/// <summary>
/// The names operators subscribe to: one meter (<see cref="SupportAssistMetrics"/>) and one activity source, both
/// called <see cref="Name"/>. The source is static because activity listeners find sources by name, process-wide.
/// </summary>
public static class SupportAssistTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "SupportAssist";

    /// <summary>Spans for the pipeline's steps (<c>retrieve</c>, <c>compose</c>), children of the request's span.</summary>
    public static ActivitySource Source { get; } = new(Name);
}
