namespace SupportAssist.Retrieval;

/// <summary>
/// The indexes <see cref="HybridRetriever"/> searches, composed at registration from the configured store: dense and
/// keyword search, the store's own fusion of both when it offers one, and a keyword index on this replica's disk that
/// answers when the store cannot be reached.
/// </summary>
public sealed record SearchIndexes(IVectorIndex Vectors, IKeywordIndex Keywords)
{
    /// <summary>The store's fusion of dense and keyword search in one query, used for hybrid queries that need no per-retriever scores; null to fuse here.</summary>
    public IFusedIndex? Fused { get; init; }

    /// <summary>A keyword index on this replica's own disk, answering when the store is unavailable; null for none.</summary>
    public IKeywordIndex? LocalKeywords { get; init; }
}
