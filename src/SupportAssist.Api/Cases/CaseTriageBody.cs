using SupportAssist.Triage;

namespace SupportAssist.Api.Cases;

/// <summary>The case's triage; <c>outcomeId</c> is null when triage was unavailable when the case came in.</summary>
public sealed record CaseTriageBody(
    string Intent, string Category, string Priority, string Queue, Sentiment Sentiment, bool Frustrated, string Language, double Confidence,
    IReadOnlyList<IntentScoreBody> Alternatives, IReadOnlyList<string> PiiKinds, bool NeedsHumanReview, IReadOnlyList<string> Reasons, Guid? OutcomeId);
