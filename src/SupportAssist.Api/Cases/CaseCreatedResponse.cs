using SupportAssist.Cases;

namespace SupportAssist.Api.Cases;

/// <summary>What the customer is told: the reference to quote, nothing an agent reads.</summary>
public sealed record CaseCreatedResponse(Guid Id, string Reference, CaseStatus Status, DateTimeOffset CreatedAt);
