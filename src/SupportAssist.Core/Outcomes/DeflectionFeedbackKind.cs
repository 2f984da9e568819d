namespace SupportAssist.Outcomes;

/// <summary>What the end user did after a deflection.</summary>
public enum DeflectionFeedbackKind
{
    /// <summary>The answer or the articles helped.</summary>
    Helpful,

    /// <summary>They did not help.</summary>
    NotHelpful,

    /// <summary>The user contacted support anyway.</summary>
    ContactedSupport,
}
