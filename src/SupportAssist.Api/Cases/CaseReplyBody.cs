namespace SupportAssist.Api.Cases;

/// <summary>A recorded reply: the draft and what the agent did with it.</summary>
public sealed record CaseReplyBody(Guid DraftId, string Kind, DateTimeOffset At, string? Agent);
