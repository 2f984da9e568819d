namespace SupportAssist.Api.Cases;

/// <summary>What the agent sent: <c>accepted</c>, <c>edited</c> (with the final text) or <c>rejected</c>, for a draft made for the case.</summary>
public sealed record CaseReplyRequest(Guid? DraftId, string? Kind, string? FinalText);
