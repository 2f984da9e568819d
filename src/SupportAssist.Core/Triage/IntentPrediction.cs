namespace SupportAssist.Triage;

/// <summary>A classifier's probabilities over its known intents, best first.</summary>
public sealed record IntentPrediction(IReadOnlyList<IntentScore> Ranked)
{
    /// <summary>The best intent.</summary>
    public IntentScore Top => Ranked[0];

    /// <summary>What the reader should know about how this prediction was made (a fallback, say); null when nothing.</summary>
    public string? Note { get; init; }

    /// <summary>The out-of-scope threshold this prediction is judged by, when not the classifier's own (a fallback's).</summary>
    public double? Threshold { get; init; }

    /// <summary>The prompt and version, when a language model chose the intent.</summary>
    public string? Prompt { get; init; }

    /// <summary>The language model's token usage, when one was called.</summary>
    public Answering.TokenUsage? Usage { get; init; }
}
