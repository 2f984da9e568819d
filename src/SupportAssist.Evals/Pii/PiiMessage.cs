namespace SupportAssist.Evals.Pii;

/// <summary>A labelled message of the PII set: its text, the ticket's customer name if any, and every PII value in it.</summary>
public sealed record PiiMessage(string Id, string Language, string Text, string? CustomerName, IReadOnlyList<(string Kind, string Value)> Labels);
