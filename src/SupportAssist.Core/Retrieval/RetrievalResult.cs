namespace SupportAssist.Retrieval;

/// <summary>What retrieval found: ranked articles, and the fused chunks behind them for composers.</summary>
/// <param name="Degraded">True when a retriever that should have run could not (its reason in <paramref name="DegradedReason"/>).</param>
public sealed record RetrievalResult(
    IReadOnlyList<ArticleHit> Articles,
    IReadOnlyList<FusedChunk> Chunks,
    bool Degraded,
    string? DegradedReason,
    RetrievalTimings Timings)
{
    /// <summary>The query's embedding, when the dense retriever ran (for scoring answer sentences by meaning).</summary>
    public ReadOnlyMemory<float>? QueryVector { get; init; }
}
