namespace SupportAssist.Deflection;

/// <summary>What the service decided for an end user's question.</summary>
public enum DeflectionDecision
{
    /// <summary>A grounded answer with citations is shown.</summary>
    Answer,

    /// <summary>Articles are suggested; no answer is shown.</summary>
    SuggestArticles,

    /// <summary>The case goes to a person.</summary>
    ContactSupport,
}
