namespace SupportAssist.Evals.Retrieval;

/// <summary>A corpus document.</summary>
public sealed record BeirDocument(string Id, string Title, string Text);
