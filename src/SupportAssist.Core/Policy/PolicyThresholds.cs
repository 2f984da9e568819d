namespace SupportAssist.Policy;

/// <summary>The probabilities at which the policy answers, and below which it has nothing worth suggesting.</summary>
public sealed record PolicyThresholds(double Answer, double Suggest);
