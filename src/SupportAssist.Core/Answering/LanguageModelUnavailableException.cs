namespace SupportAssist.Answering;

/// <summary>
/// The language model could not answer: unreachable, timed out, rate limited, its circuit open, an error status or
/// a reply that could not be read. Callers degrade (extractive text, the trained classifier); nothing else is caught.
/// </summary>
public sealed class LanguageModelUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LanguageModelUnavailableException() : this("the language model is unavailable")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public LanguageModelUnavailableException(string message) : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public LanguageModelUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates the exception for <paramref name="model"/> with a short <paramref name="reason"/> (<c>timed out</c>, <c>rate limited (429)</c>).</summary>
    public LanguageModelUnavailableException(string model, string reason, Exception innerException) : base($"{model}: {reason}", innerException)
    {
        Model = model;
        Reason = reason;
    }

    /// <summary>The provider and model that failed (<c>openai:gpt-4o-mini</c>), when known.</summary>
    public string? Model { get; }

    /// <summary>Why, in a few words of our own (never the provider's text): shown in degraded reasons.</summary>
    public string Reason { get; }

    /// <summary>Who failed and why, as a fallback answer carries it.</summary>
    public Degradation Degradation => new(Model ?? "language model", Reason);
}
