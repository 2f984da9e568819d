namespace SupportAssist.Api.Tests;

/// <summary>
/// Tests in this collection (the telemetry tests) run alone, after the others: OpenTelemetry listens to meters and activity sources by name,
/// process-wide, so another test's host serving requests at the same time would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
