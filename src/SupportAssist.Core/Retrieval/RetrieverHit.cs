namespace SupportAssist.Retrieval;

/// <summary>Where a retriever placed a chunk: its 1-based rank and its own score.</summary>
public sealed record RetrieverHit(string Retriever, int Rank, double Score);
