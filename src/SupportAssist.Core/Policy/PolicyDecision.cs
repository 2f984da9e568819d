using SupportAssist.Deflection;

namespace SupportAssist.Policy;

/// <summary>What the policy decided, how sure it is (the calibrated probability that an answer would be correct), and why.</summary>
public sealed record PolicyDecision(DeflectionDecision Decision, double Confidence, IReadOnlyList<string> Reasons);
