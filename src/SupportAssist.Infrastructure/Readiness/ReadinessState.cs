namespace SupportAssist.Infrastructure.Readiness;

/// <summary>Where a piece of start-up work stands.</summary>
public enum ReadinessState
{
    /// <summary>Still working (indexing, training, loading); requests that need it get a 503 with Retry-After.</summary>
    Starting,

    /// <summary>Done; the description may say it runs degraded.</summary>
    Ready,

    /// <summary>Cannot get ready without an operator (a missing artefact, a failure); the description says what to do.</summary>
    Unavailable,
}
