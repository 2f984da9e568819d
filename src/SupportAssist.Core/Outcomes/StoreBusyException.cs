namespace SupportAssist.Outcomes;

/// <summary>The store's write queue is full: the write was not taken, and the caller should try again shortly.</summary>
public sealed class StoreBusyException : Exception
{
    /// <summary>A busy store, with the default message.</summary>
    public StoreBusyException()
        : base("The store's write queue is full.")
    {
    }

    /// <summary>A busy store, saying which.</summary>
    public StoreBusyException(string message)
        : base(message)
    {
    }

    /// <summary>A busy store, with the cause.</summary>
    public StoreBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
