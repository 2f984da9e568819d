using SupportAssist.Text;

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

/// <summary>
/// Maximal marginal relevance (Carbonell and Goldstein, 1998) over candidates' best chunks, with word-set
/// Jaccard similarity so it needs no vectors and works the same for every embedder.
/// </summary>
internal static class MaximalMarginalRelevance
{
    public static List<FusedChunk> Select(IReadOnlyList<FusedChunk> candidates, int limit, double lambda)
    {
        var remaining = candidates.ToList();
        var words = candidates.ToDictionary(c => c.Chunk.Id, c => TextTokens.ContentWords(c.Chunk.Text).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var top = candidates.Count == 0 ? 1.0 : candidates[0].Score;
        var selected = new List<FusedChunk>(Math.Min(limit, candidates.Count));
        while (selected.Count < limit && remaining.Count > 0)
        {
            var bestIndex = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < remaining.Count; i++)
            {
                var redundancy = 0.0;
                foreach (var chosen in selected)
                    redundancy = Math.Max(redundancy, Jaccard(words[remaining[i].Chunk.Id], words[chosen.Chunk.Id]));
                var value = lambda * (remaining[i].Score / top) - (1 - lambda) * redundancy;
                if (value > bestValue) { bestValue = value; bestIndex = i; }
            }
            selected.Add(remaining[bestIndex]);
            remaining.RemoveAt(bestIndex);
        }
        return selected;
    }

    internal static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var shared = a.Count(b.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }
}
