namespace SupportAssist.Cases;

/// <summary>What became of a new case: created, or refused because a deflection id names no deflection.</summary>
public sealed record CaseCreation(SupportCase? Case, IReadOnlyList<Guid> UnknownDeflections);
