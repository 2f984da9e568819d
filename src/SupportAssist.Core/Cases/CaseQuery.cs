using SupportAssist.Triage;

namespace SupportAssist.Cases;

/// <summary>Which cases to list: filters (each optional), newest first, <paramref name="Limit"/> at a time after <paramref name="After"/>.</summary>
public sealed record CaseQuery(string? Queue, Priority? Priority, CaseStatus? Status, DateTimeOffset? CreatedBefore, DateTimeOffset? CreatedAfter, int Limit, CaseCursor? After);
