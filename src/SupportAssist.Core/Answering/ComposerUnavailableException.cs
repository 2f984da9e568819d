namespace SupportAssist.Answering;

/// <summary>
/// A composer's dependency (a language model) is down, slow, rate limited or refusing, and nothing was composed.
/// Adapters raise it for dependency failures only, never for a bug of ours; <see cref="FallbackAnswerComposer"/>
/// answers from its fallback instead.
/// </summary>
public sealed class ComposerUnavailableException : Exception
{
    /// <summary>An unavailable dependency, unnamed.</summary>
    public ComposerUnavailableException()
        : this("The composer's dependency cannot answer.")
    {
    }

    /// <summary>An unavailable dependency, saying why.</summary>
    public ComposerUnavailableException(string message)
        : this(message, null)
    {
    }

    /// <summary>An unavailable dependency, saying why, with the cause.</summary>
    public ComposerUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Degradation = new Degradation("composer", message);
    }

    /// <summary>The dependency named in <paramref name="degradation"/> failed with <paramref name="innerException"/>.</summary>
    public ComposerUnavailableException(Degradation degradation, Exception? innerException)
        : base($"{degradation?.Dependency} could not answer: {degradation?.Cause}", innerException)
    {
        ArgumentNullException.ThrowIfNull(degradation);
        Degradation = degradation;
    }

    /// <summary>Who failed and why, as the fallback answer carries it.</summary>
    public Degradation Degradation { get; }
}
