namespace SupportAssist.Api.Cases;

/// <summary>A new status: <c>open</c>, <c>pending</c> or <c>solved</c>.</summary>
public sealed record CaseStatusRequest(string? Status);
