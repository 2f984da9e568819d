namespace SupportAssist.Policy;

/// <summary>A probability the model gave and whether the answer it was about turned out correct.</summary>
public readonly record struct ScoredAnswer(double Probability, bool Correct);
