namespace SupportAssist.Answering;

/// <summary>
/// A composer's answer. <paramref name="AbstainReason"/> is set, and <paramref name="Text"/> empty, when the
/// composer found nothing in the passages that answers the question.
/// </summary>
public sealed record ComposedAnswer(string Text, AnswerMode Mode, IReadOnlyList<Citation> Citations, string? AbstainReason)
{
    /// <summary>The extractive composer's name and version, recorded with the outcomes of its answers.</summary>
    public const string ExtractiveComposer = "extractive/1";

    /// <summary>True when the composer declined to answer.</summary>
    public bool Abstained => AbstainReason is not null;

    /// <summary>Who wrote the answer: <c>extractive/1</c>, or the LLM provider and model such as <c>openai:gpt-4o-mini</c>.</summary>
    public string Composer { get; init; } = ExtractiveComposer;

    /// <summary>The prompt and its version (<c>deflection-answer@1</c>) when a language model wrote the answer.</summary>
    public string? Prompt { get; init; }

    /// <summary>The language model's token usage, when one was called (also when it failed after answering).</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Why the configured LLM could not answer and the extractive composer did instead; null when nothing degraded.</summary>
    public Degradation? Degradation { get; init; }

    /// <summary>The degradation as outcomes record it (<c>dependency: cause</c>); null when nothing degraded.</summary>
    public string? DegradedReason => Degradation?.ToString();

    /// <summary>True when this answer is the extractive fallback for an LLM that failed.</summary>
    public bool Degraded => Degradation is not null;
}
