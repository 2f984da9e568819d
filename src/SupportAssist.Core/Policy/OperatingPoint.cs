namespace SupportAssist.Policy;

/// <summary>Answering at or above <paramref name="Threshold"/>: the share of questions answered and the share of those answers that are correct.</summary>
public sealed record OperatingPoint(double Threshold, double Coverage, double Precision, int Answered);
