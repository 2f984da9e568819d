namespace SupportAssist.Evaluation;

/// <summary>A retrieved document and its score, as a retriever ranked it.</summary>
public sealed record RankedDocument(string Id, double Score);
