namespace SupportAssist.Api.Audit;

/// <summary>A page of the audit trail, newest first; <c>next</c> is the <c>before</c> of the following page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordBody> Records, long? Next);
