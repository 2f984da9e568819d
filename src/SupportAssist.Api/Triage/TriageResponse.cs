namespace SupportAssist.Api.Triage;

/// <summary>The triage with the id of its recorded outcome.</summary>
public sealed record TriageResponse(Guid Id, TriageBody Triage);
