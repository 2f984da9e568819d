namespace SupportAssist.Cases;

/// <summary>Where cases live: SQLite on the embedded default; a shared store for several replicas.</summary>
public interface ICaseStore
{
    /// <summary>Stores a new case; false, storing nothing, when its reference is already taken.</summary>
    Task<bool> CreateAsync(SupportCase supportCase, CancellationToken cancellationToken);

    /// <summary>The case with <paramref name="id"/>, or null.</summary>
    Task<SupportCase?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A page of the cases matching <paramref name="query"/>, newest first.</summary>
    Task<CasePage> ListAsync(CaseQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the case, applies <paramref name="change"/> and stores the result atomically (no other change to the
    /// case in between); null when there is no such case. <paramref name="change"/> may return the case unchanged.
    /// </summary>
    Task<SupportCase?> UpdateAsync(Guid id, Func<SupportCase, SupportCase> change, CancellationToken cancellationToken);
}
