namespace SupportAssist.Api.Cases;

/// <summary>A page of cases; pass <c>next</c> as <c>after</c> for the following page (null at the end).</summary>
public sealed record CasePageResponse(IReadOnlyList<CaseResponse> Cases, string? Next);
