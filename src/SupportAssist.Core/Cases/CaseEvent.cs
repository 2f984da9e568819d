namespace SupportAssist.Cases;

/// <summary>What happened to a case, for systems outside (a help desk's webhook).</summary>
/// <param name="Type"><c>case.created</c> or <c>reply.recorded</c>.</param>
/// <param name="Reply">For <c>reply.recorded</c>: the reply, and the text the agent sent when they edited the draft.</param>
public sealed record CaseEvent(string Type, DateTimeOffset At, SupportCase Case, CaseReply? Reply = null, string? FinalText = null);
