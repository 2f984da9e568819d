namespace SupportAssist.Policy;

/// <summary>One reason for a decision: the <paramref name="Rule"/> that gave it, and the <paramref name="Text"/> end users and outcomes read.</summary>
public sealed record DecisionReason(DecisionRule Rule, string Text);
