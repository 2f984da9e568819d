namespace SupportAssist.Api.Search;

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
