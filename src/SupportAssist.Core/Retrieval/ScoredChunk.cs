using SupportAssist.Knowledge;

namespace SupportAssist.Retrieval;

/// <summary>A chunk found by one retriever with that retriever's own score (higher is better).</summary>
public sealed record ScoredChunk(Chunk Chunk, double Score);
