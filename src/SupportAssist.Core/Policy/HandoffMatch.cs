namespace SupportAssist.Policy;

/// <summary>A handoff rule that matched, with the words that triggered it (for the response's reasons).</summary>
public sealed record HandoffMatch(HandoffReason Reason, string Trigger);
