using SupportAssist.Cases;
using SupportAssist.Triage;

namespace SupportAssist.Api.Cases;

/// <summary>The case list's filters as given: ages in minutes, the page size, where the page starts.</summary>
public sealed record CaseListFilter(string? Queue, Priority? Priority, CaseStatus? Status, int? MinAgeMinutes, int? MaxAgeMinutes, int Limit, CaseCursor? After);
