namespace SupportAssist.Outcomes;

/// <summary>
/// The shared store (outcomes, feedback, cases, audit) cannot be reached: nothing was written, and the caller should
/// try again shortly. Adapters raise it for connection failures only, never for a bug in a query.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>An unreachable store, with the default message.</summary>
    public StoreUnavailableException()
        : base("The store cannot be reached.")
    {
    }

    /// <summary>An unreachable store, saying which.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>An unreachable store, with the cause.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);
}
