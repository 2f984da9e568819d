namespace SupportAssist.Retrieval;

/// <summary>One retriever's ranked hits, named for reporting ("dense", "bm25"), and its weight in fusion.</summary>
public sealed record RankedList(string Retriever, IReadOnlyList<ScoredChunk> Hits, double Weight = 1.0);
