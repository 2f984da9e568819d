namespace SupportAssist.Outcomes;

/// <summary>What happened to a feedback event.</summary>
public enum FeedbackStatus
{
    /// <summary>Stored.</summary>
    Recorded,

    /// <summary>The same feedback was already stored; nothing new was written.</summary>
    AlreadyRecorded,

    /// <summary>It contradicts feedback already stored (in <see cref="FeedbackResult.Existing"/>); nothing was written.</summary>
    Conflict,

    /// <summary>No outcome of that kind has this id; nothing was written.</summary>
    UnknownOutcome,
}
