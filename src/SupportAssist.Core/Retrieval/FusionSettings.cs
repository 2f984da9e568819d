namespace SupportAssist.Retrieval;

/// <summary>Reciprocal rank fusion's constant and the weight of each list.</summary>
public sealed record FusionSettings(int RrfK, double DenseWeight, double KeywordWeight);
