namespace SupportAssist.Outcomes;

/// <summary>A feedback event on an outcome; <paramref name="Comment"/> is redacted before it is stored.</summary>
public sealed record FeedbackEvent(Guid OutcomeId, string Kind, DateTimeOffset At, string? Comment)
{
    /// <summary>For an edited draft: the reply the agent sent, redacted. It is what the draft should have been.</summary>
    public string? FinalText { get; init; }
}
