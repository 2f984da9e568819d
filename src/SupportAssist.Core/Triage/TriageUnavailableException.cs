namespace SupportAssist.Triage;

/// <summary>Triage has no model: none was trained and there is no labelled data to train from.</summary>
public sealed class TriageUnavailableException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public TriageUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TriageUnavailableException() : this("no triage model is loaded")
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public TriageUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
