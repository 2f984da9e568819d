namespace SupportAssist.Retrieval;

/// <summary>An index's fused result, and how many ranked lists it fused (a query without words has no lexical list).</summary>
public sealed record FusedHits(IReadOnlyList<ScoredChunk> Hits, int Lists);
