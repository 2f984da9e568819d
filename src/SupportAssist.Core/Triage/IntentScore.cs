namespace SupportAssist.Triage;

/// <summary>An intent and the classifier's probability for it.</summary>
public sealed record IntentScore(string Intent, double Score);
