namespace SupportAssist.Infrastructure.Triage;

/// <summary>A trained classifier's threshold (chosen on validation) and its metrics on validation and test.</summary>
public sealed record ClassifierCard(double Threshold, SplitMetrics Validation, SplitMetrics Test);
