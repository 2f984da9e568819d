namespace SupportAssist.Cases;

/// <summary>What became of a recorded reply.</summary>
public enum ReplyStatus
{
    /// <summary>Recorded on the draft and the case.</summary>
    Recorded,

    /// <summary>No such case.</summary>
    UnknownCase,

    /// <summary>The draft was not made for this case.</summary>
    UnknownDraft,

    /// <summary>The draft already has a different verdict.</summary>
    Conflict,
}
