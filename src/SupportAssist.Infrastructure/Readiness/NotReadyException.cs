namespace SupportAssist.Infrastructure.Readiness;

/// <summary>
/// A request needs a component that is not ready: still starting (answered 503 with Retry-After) or unavailable
/// until an operator acts (503, the message says what to do).
/// </summary>
public sealed class NotReadyException : Exception
{
    /// <summary>How long a client is asked to wait while a component is still starting.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Creates the exception for <paramref name="component"/>, with what it is doing or needs.</summary>
    public NotReadyException(string component, string description, TimeSpan? retryAfter)
        : base($"{component} is not ready: {description}")
    {
        Component = component;
        Description = description;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception.</summary>
    public NotReadyException() : this("service", "starting", DefaultRetryAfter)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NotReadyException(string message) : base(message)
    {
        Component = "service";
        Description = message;
    }

    /// <summary>Creates the exception.</summary>
    public NotReadyException(string message, Exception innerException) : base(message, innerException)
    {
        Component = "service";
        Description = message;
    }

    /// <summary>The component the request waits for.</summary>
    public string Component { get; }

    /// <summary>What the component is doing, or what it needs.</summary>
    public string Description { get; }

    /// <summary>When to try again, while the component is still starting; null when waiting will not help.</summary>
    public TimeSpan? RetryAfter { get; }
}
