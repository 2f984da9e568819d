using SupportAssist.Answering;

namespace SupportAssist.Outcomes;

/// <summary>A retrieved chunk as the outcome records it: enough to rebuild the ranking in an eval.</summary>
public sealed record RetrievedChunk(string ArticleId, string ChunkId, double Score);

/// <summary>
/// One call's record for evaluation: what was asked (redacted), what was retrieved, what was decided and
/// shown, with which composer, and how long it took. Feedback events link to it by <see cref="Id"/>.
/// </summary>
/// <param name="Kind">The call: <c>deflection</c>, <c>draft</c> or <c>triage</c>.</param>
/// <param name="Input">The question or ticket text after PII redaction; raw text is never stored.</param>
/// <param name="Composer">Who wrote the answer or draft: <c>extractive/1</c> or the LLM provider and model; null when nothing was composed.</param>
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
    double LatencyMs)
{
    /// <summary><c>extractive</c> or <c>generated</c> when an answer or draft was composed.</summary>
    public string? Mode { get; init; }

    /// <summary>The prompts used, each with its version, such as <c>deflection-answer@1</c>.</summary>
    public IReadOnlyList<string> Prompts { get; init; } = [];

    /// <summary>Tokens read and written by language models for this call, and their estimated cost.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Why the call fell back to a lesser path (LLM down, embedder down); null when nothing degraded.</summary>
    public string? DegradedReason { get; init; }

    /// <summary>The triage of the ticket, for triage calls and drafts.</summary>
    public TriageSummary? Triage { get; init; }

    /// <summary>The name of the API key that made the call (never the key); null for anonymous calls and when no keys are configured.</summary>
    public string? Caller { get; init; }
}

/// <summary>What an outcome keeps of a triage: the decisions, not the reasons (those are in <see cref="Outcome.Reasons"/> for triage calls).</summary>
public sealed record TriageSummary(string Intent, string Category, string Priority, string Queue, string Sentiment, string Language, bool NeedsHumanReview);

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
public sealed record FeedbackEvent(Guid OutcomeId, string Kind, DateTimeOffset At, string? Comment)
{
    /// <summary>For an edited draft: the reply the agent sent, redacted. It is what the draft should have been.</summary>
    public string? FinalText { get; init; }
}

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

/// <summary>The status of a feedback event and, on a conflict, the earlier event it contradicts.</summary>
public sealed record FeedbackResult(FeedbackStatus Status, FeedbackEvent? Existing = null);

/// <summary>Decides, from the feedback already on an outcome, whether a new event is stored, a repeat, or a conflict.</summary>
public delegate FeedbackResult FeedbackRule(IReadOnlyList<FeedbackEvent> existing, FeedbackEvent incoming);

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
