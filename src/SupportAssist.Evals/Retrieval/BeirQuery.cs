namespace SupportAssist.Evals.Retrieval;

/// <summary>A query.</summary>
public sealed record BeirQuery(string Id, string Text);
