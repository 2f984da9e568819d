namespace SupportAssist.Infrastructure.Readiness;

/// <summary>
/// A start-up component's state and description, which change together, so a reader never sees one without the
/// other; <paramref name="Degraded"/> when it is ready with a limitation the description names.
/// </summary>
public sealed record ReadinessStatus(ReadinessState State, string Description, bool Degraded);
