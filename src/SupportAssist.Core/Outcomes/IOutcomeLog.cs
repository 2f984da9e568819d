namespace SupportAssist.Outcomes;

/// <summary>The outcome store: every deflection (later every draft and triage) and the feedback on it.</summary>
public interface IOutcomeLog
{
    /// <summary>Stores <paramref name="outcome"/>.</summary>
    Task RecordAsync(Outcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="feedback"/> on an outcome of kind <paramref name="outcomeKind"/> when
    /// <paramref name="rule"/>, given the feedback already stored on it, says so. Reading the earlier feedback and
    /// writing the new one is atomic, so two conflicting events sent at once cannot both be stored.
    /// </summary>
    Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken);

    /// <summary>The outcome with <paramref name="id"/>, or null.</summary>
    Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The feedback events on <paramref name="outcomeId"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken);

    /// <summary>The outcomes recorded at or after <paramref name="since"/>, oldest first, each with its feedback (what insights read).</summary>
    Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
