namespace SupportAssist.Triage;

/// <summary>What triage decided for a ticket, and why.</summary>
/// <param name="Intent">The best known intent, or <c>unknown</c> when the ticket matches none well enough.</param>
/// <param name="Confidence">The classifier's probability for the intent.</param>
/// <param name="Alternatives">The next intents with their probabilities.</param>
/// <param name="PiiKinds">Kinds of personal data found (<c>email</c>, <c>card_number</c>, …), before redaction.</param>
/// <param name="Reasons">Which rules fired and why the ticket goes where it goes.</param>
public sealed record TriageResult(
    string Intent,
    string Category,
    Priority Priority,
    string Queue,
    Sentiment Sentiment,
    bool Frustrated,
    string Language,
    IReadOnlyList<string> PiiKinds,
    double Confidence,
    bool NeedsHumanReview,
    IReadOnlyList<IntentScore> Alternatives,
    IReadOnlyList<string> Reasons,
    string Classifier)
{
    /// <summary>The prompt and version, when a language model chose the intent.</summary>
    public string? Prompt { get; init; }

    /// <summary>The language model's token usage, when one was called.</summary>
    public Answering.TokenUsage? Usage { get; init; }
}
