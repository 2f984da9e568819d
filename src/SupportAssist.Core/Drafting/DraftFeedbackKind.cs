namespace SupportAssist.Drafting;

/// <summary>What the agent did with a draft.</summary>
public enum DraftFeedbackKind
{
    /// <summary>Sent as drafted.</summary>
    Accepted,

    /// <summary>Sent after editing; the final text comes with it.</summary>
    Edited,

    /// <summary>Not used.</summary>
    Rejected,
}
