namespace SupportAssist.Triage;

/// <summary>One labelled example and what a classifier said: the gold label, the best intent and its score.</summary>
public sealed record ScoredExample(string Gold, string Top, double Score);
