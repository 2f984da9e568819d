using SupportAssist.Triage;

namespace SupportAssist.Cases;

/// <summary>The case's triage; <see cref="OutcomeId"/> is the triage outcome (null when triage was unavailable).</summary>
public sealed record CaseTriage(
    string Intent,
    string Category,
    Priority Priority,
    string Queue,
    Sentiment Sentiment,
    bool Frustrated,
    string Language,
    double Confidence,
    IReadOnlyList<IntentScore> Alternatives,
    IReadOnlyList<string> PiiKinds,
    bool NeedsHumanReview,
    IReadOnlyList<string> Reasons,
    Guid? OutcomeId);
