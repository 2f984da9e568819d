namespace SupportAssist.Triage;

/// <summary>The tone of a ticket.</summary>
public enum Sentiment
{
    /// <summary>Unhappy, worried or angry.</summary>
    Negative,

    /// <summary>Matter-of-fact.</summary>
    Neutral,

    /// <summary>Pleased or thankful.</summary>
    Positive,
}
