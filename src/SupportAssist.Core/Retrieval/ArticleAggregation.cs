namespace SupportAssist.Retrieval;

/// <summary>Turns fused chunks into articles: each article is represented by its best chunk.</summary>
internal static class ArticleAggregation
{
    public static List<ArticleHit> ToArticles(IReadOnlyList<FusedChunk> fused, RetrievalQuery query, double maxScore, RetrievalOptions options)
    {
        var best = new List<FusedChunk>();
        var sources = new Dictionary<string, Dictionary<string, RetrieverHit>>(StringComparer.Ordinal);
        foreach (var chunk in fused)
        {
            if (!sources.TryGetValue(chunk.Chunk.ArticleId, out var bySource))
            {
                bySource = new Dictionary<string, RetrieverHit>(StringComparer.Ordinal);
                sources[chunk.Chunk.ArticleId] = bySource;
                best.Add(chunk);
            }
            // An article is "found by" a retriever if any of its chunks was; keep that retriever's best rank.
            foreach (var source in chunk.Sources)
            {
                if (!bySource.TryGetValue(source.Retriever, out var known) || source.Rank < known.Rank)
                    bySource[source.Retriever] = source;
            }
        }

        var ordered = options.Diversify
            ? MaximalMarginalRelevance.Select(best, query.Limit, options.DiversityLambda)
            : best.Take(query.Limit).ToList();
        var stems = SnippetBuilder.QueryStems(query.Text);
        return ordered.Select(c => new ArticleHit(
            c.Chunk.ArticleId,
            c.Chunk.Title,
            c.Chunk.Url,
            c.Chunk.Locale,
            c.Chunk.ProductArea,
            // Capped at 1: an index's own fusion scores in float, a hair above the exact maximum.
            Math.Round(Math.Min(1.0, c.Score / maxScore), 6),
            c.Chunk.Id,
            c.Chunk.HeadingPath,
            SnippetBuilder.Build(c.Chunk.Text, stems, options.SnippetChars),
            sources[c.Chunk.ArticleId].Values.OrderBy(s => s.Rank).ToList())).ToList();
    }
}
