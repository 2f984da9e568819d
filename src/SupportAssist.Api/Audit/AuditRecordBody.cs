namespace SupportAssist.Api.Audit;

/// <summary>An audit record as the API shows it.</summary>
public sealed record AuditRecordBody(long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string Outcome);
