namespace SupportAssist.Knowledge;

/// <summary>The audit trail of knowledge-base changes: append-only, read newest first.</summary>
public interface IAuditLog
{
    /// <summary>Appends a record (its <see cref="AuditRecord.Sequence"/> is assigned by the store).</summary>
    Task RecordAsync(string actor, string action, string target, string outcome, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> records, newest first, older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(int limit, long? before, CancellationToken cancellationToken);
}
