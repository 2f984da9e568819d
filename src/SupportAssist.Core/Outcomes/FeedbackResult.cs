namespace SupportAssist.Outcomes;

/// <summary>The status of a feedback event and, on a conflict, the earlier event it contradicts.</summary>
public sealed record FeedbackResult(FeedbackStatus Status, FeedbackEvent? Existing = null);
