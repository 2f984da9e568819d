using SupportAssist.Answering;

namespace SupportAssist.Outcomes;

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
