namespace SupportAssist.Outcomes;

/// <summary>What an outcome keeps of a triage: the decisions, not the reasons (those are in <see cref="Outcome.Reasons"/> for triage calls).</summary>
public sealed record TriageSummary(string Intent, string Category, string Priority, string Queue, string Sentiment, string Language, bool NeedsHumanReview);
