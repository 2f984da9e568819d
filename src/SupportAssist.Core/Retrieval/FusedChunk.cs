using SupportAssist.Knowledge;

namespace SupportAssist.Retrieval;

/// <summary>A chunk after fusion, with its fused score and the retrievers that found it.</summary>
public sealed record FusedChunk(Chunk Chunk, double Score, IReadOnlyList<RetrieverHit> Sources)
{
    /// <summary>The best (smallest) rank any retriever gave this chunk.</summary>
    public int BestRank => Sources.Min(s => s.Rank);
}
