namespace SupportAssist.Retrieval;

/// <summary>An article found by retrieval, represented by its best chunk.</summary>
/// <param name="Score">Fused score normalised to (0, 1]: 1 when the best chunk is ranked first by every retriever that ran.</param>
/// <param name="Sources">Each retriever that found a chunk of this article, with its best rank and score.</param>
public sealed record ArticleHit(
    string ArticleId,
    string Title,
    string? Url,
    string Locale,
    string? ProductArea,
    double Score,
    string ChunkId,
    string HeadingPath,
    string Snippet,
    IReadOnlyList<RetrieverHit> Sources);
