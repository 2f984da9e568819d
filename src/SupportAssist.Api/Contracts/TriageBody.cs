using SupportAssist.Triage;

namespace SupportAssist.Api.Contracts;

/// <summary>
/// The triage of a ticket: <c>intent</c> (<c>unknown</c> when no known intent fits), <c>category</c>, <c>priority</c>
/// (P1 to P4), <c>queue</c>, <c>sentiment</c> (negative, neutral, positive) with <c>frustrated</c>, <c>language</c>,
/// the kinds of personal data found, the <c>confidence</c>, whether a person must review it, the next intents, and why.
/// </summary>
public sealed record TriageBody(
    string Intent,
    string Category,
    string Priority,
    string Queue,
    Sentiment Sentiment,
    bool Frustrated,
    string Language,
    IReadOnlyList<string> PiiKinds,
    double Confidence,
    bool NeedsHumanReview,
    IReadOnlyList<IntentScoreBody> Alternatives,
    IReadOnlyList<string> Reasons,
    string Classifier)
{
    /// <summary>A triage as the triage, draft and case endpoints show it.</summary>
    public static TriageBody Of(TriageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Priority stays its C# name (P1), as the API has always shown it: the converter's snake_case would make it p1.
        return new(result.Intent, result.Category, result.Priority.ToString(), result.Queue, result.Sentiment, result.Frustrated,
            result.Language, result.PiiKinds, result.Confidence, result.NeedsHumanReview,
            result.Alternatives.Select(IntentScoreBody.Of).ToList(), result.Reasons, result.Classifier);
    }
}
