using SupportAssist.Knowledge;

namespace SupportAssist.Api.Search;

/// <summary>Ranked articles for a query.</summary>
/// <param name="Degraded">True when a retriever could not run (see <paramref name="DegradedReason"/>).</param>
internal sealed record SearchResponse(
    string Query,
    Audience Audience,
    string? Locale,
    string? ProductArea,
    string Mode,
    bool Degraded,
    string? DegradedReason,
    double ElapsedMs,
    IReadOnlyList<SearchResult> Results);

/// <summary>One article found.</summary>
/// <param name="Score">Fused score in (0, 1]: 1 when every retriever that ran ranked this article's best chunk first.</param>
/// <param name="FoundBy">The retrievers that found any chunk of this article.</param>
internal sealed record SearchResult(
    int Rank,
    string ArticleId,
    string Title,
    string? Url,
    string Locale,
    string? ProductArea,
    double Score,
    string ChunkId,
    string HeadingPath,
    string Snippet,
    IReadOnlyList<string> FoundBy,
    IReadOnlyList<RetrieverRank> Retrievers);

/// <summary>Where one retriever placed the article's best chunk, and its native score (cosine for dense, BM25 for bm25, the index's RRF score for hybrid: Qdrant's server-side fusion).</summary>
internal sealed record RetrieverRank(string Retriever, int Rank, double Score);
