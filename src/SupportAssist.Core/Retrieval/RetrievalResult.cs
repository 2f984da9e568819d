namespace SupportAssist.Retrieval;

/// <summary>Which retrievers run for a query.</summary>
public enum RetrievalMode
{
    /// <summary>Dense and BM25, fused.</summary>
    Hybrid,

    /// <summary>Dense only.</summary>
    Dense,

    /// <summary>BM25 only.</summary>
    Keyword,
}

/// <summary>A search: the text, who asks and with which filters, and how many articles to return.</summary>
public sealed record RetrievalQuery(string Text, RetrievalFilter Filter, int Limit, RetrievalMode Mode = RetrievalMode.Hybrid)
{
    /// <summary>
    /// Keep each retriever's own ranks and scores (the answer policy's evidence reads them): the lists are fused
    /// here even where the index could fuse them itself in one query, at the cost of a second query.
    /// </summary>
    public bool NeedsRetrieverScores { get; init; }
}

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

/// <summary>What retrieval found: ranked articles, and the fused chunks behind them for composers.</summary>
/// <param name="Degraded">True when a retriever that should have run could not (its reason in <paramref name="DegradedReason"/>).</param>
public sealed record RetrievalResult(
    IReadOnlyList<ArticleHit> Articles,
    IReadOnlyList<FusedChunk> Chunks,
    bool Degraded,
    string? DegradedReason,
    RetrievalTimings Timings)
{
    /// <summary>The query's embedding, when the dense retriever ran (for scoring answer sentences by meaning).</summary>
    public ReadOnlyMemory<float>? QueryVector { get; init; }
}

/// <summary>Where the time went, in milliseconds.</summary>
public sealed record RetrievalTimings(double EmbedMs, double DenseMs, double KeywordMs, double TotalMs);
