namespace SupportAssist.Cases;

/// <summary>A reply an agent recorded: which draft, what they did with it (<c>accepted</c>, <c>edited</c>, <c>rejected</c>), who.</summary>
public sealed record CaseReply(Guid DraftId, string Kind, DateTimeOffset At, string? Agent);
