namespace SupportAssist.Retrieval;

/// <summary>
/// An index that runs dense and lexical retrieval and fuses them itself, in one query (Qdrant's prefetches
/// fused by reciprocal rank fusion). Hybrid retrieval uses it, when registered, instead of fusing two searches.
/// </summary>
public interface IFusedIndex
{
    /// <summary>
    /// The <paramref name="limit"/> best chunks by reciprocal rank fusion (<paramref name="fusion"/>, as
    /// <see cref="ReciprocalRankFusion"/> defines it) of the <paramref name="candidates"/> nearest to
    /// <paramref name="vector"/> and the <paramref name="candidates"/> best lexical matches for <paramref name="text"/>,
    /// all passing <paramref name="filter"/>; scores are the index's fused scores.
    /// </summary>
    Task<FusedHits> SearchFusedAsync(string text, ReadOnlyMemory<float> vector, RetrievalFilter filter, int candidates, int limit, FusionSettings fusion, CancellationToken cancellationToken);
}
