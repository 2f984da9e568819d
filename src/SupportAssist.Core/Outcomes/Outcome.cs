namespace SupportAssist.Outcomes;

/// <summary>A retrieved chunk as the outcome records it: enough to rebuild the ranking in an eval.</summary>
public sealed record RetrievedChunk(string ArticleId, string ChunkId, double Score);

/// <summary>
/// One call's record for evaluation: what was asked (redacted), what was retrieved, what was decided and
/// shown, with which composer, and how long it took. Feedback events link to it by <see cref="Id"/>.
/// </summary>
/// <param name="Kind">The call: <c>deflection</c> (drafts and triage come later).</param>
/// <param name="Input">The question or ticket text after PII redaction; raw text is never stored.</param>
/// <param name="Composer">The composer and its version, such as <c>extractive/1</c>, or null when no answer was composed.</param>
public sealed record Outcome(
    Guid Id,
    string Kind,
    DateTimeOffset At,
    string Input,
    string? Locale,
    string? ProductArea,
    string? CustomerPlan,
    string? SessionId,
    string Decision,
    double Confidence,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<RetrievedChunk> Retrieved,
    IReadOnlyList<string> SuggestedArticles,
    string? Answer,
    IReadOnlyList<string> CitedChunks,
    string? Composer,
    double LatencyMs);

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

/// <summary>A feedback event on an outcome; <paramref name="Comment"/> is redacted before it is stored.</summary>
public sealed record FeedbackEvent(Guid OutcomeId, string Kind, DateTimeOffset At, string? Comment);

/// <summary>The outcome store: every deflection (later every draft and triage) and the feedback on it.</summary>
public interface IOutcomeLog
{
    /// <summary>Stores <paramref name="outcome"/>.</summary>
    Task RecordAsync(Outcome outcome, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="feedback"/>; false (and nothing stored) when its outcome is unknown.</summary>
    Task<bool> RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken);

    /// <summary>The outcome with <paramref name="id"/>, or null.</summary>
    Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The feedback events on <paramref name="outcomeId"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken);
}
