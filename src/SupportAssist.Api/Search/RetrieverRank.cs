namespace SupportAssist.Api.Search;

/// <summary>Where one retriever placed the article's best chunk, and its native score (cosine for dense, BM25 for bm25, the index's RRF score for hybrid: Qdrant's server-side fusion).</summary>
internal sealed record RetrieverRank(string Retriever, int Rank, double Score);
