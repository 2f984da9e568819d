namespace SupportAssist.Evaluation;

/// <summary>
/// Retrieval metrics as BEIR reports them: recall at k, MRR at 10 and nDCG at 10 with graded relevance (gain =
/// the qrels score, discount log2(rank + 1)). Documents with equal scores are ordered by id, so ties rank the same
/// way on every run. Queries with no relevant document have no defined metrics (<see cref="Of"/> returns null)
/// and are left out of averages.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>The metrics of one query, or null when <paramref name="relevant"/> holds no document with a positive score.</summary>
    public static QueryRetrievalMetrics? Of(IReadOnlyList<RankedDocument> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        var positives = relevant.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        if (positives.Count == 0) return null;
        var order = Order(ranked);
        double Recall(int k) => order.Take(k).Count(positives.ContainsKey) / (double)positives.Count;
        var first = order.Take(10).Select((id, i) => (id, i)).FirstOrDefault(p => positives.ContainsKey(p.id));
        var mrr = first.id is null ? 0 : 1.0 / (first.i + 1);
        var dcg = order.Take(10).Select((id, i) => positives.GetValueOrDefault(id) / Math.Log2(i + 2)).Sum();
        var ideal = positives.Values.OrderDescending().Take(10).Select((gain, i) => gain / Math.Log2(i + 2)).Sum();
        return new QueryRetrievalMetrics(Recall(1), Recall(3), Recall(5), Recall(10), mrr, ideal == 0 ? 0 : dcg / ideal);
    }

    /// <summary>The mean of each metric over <paramref name="queries"/> (null when there is none).</summary>
    public static QueryRetrievalMetrics? Mean(IReadOnlyCollection<QueryRetrievalMetrics> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0) return null;
        return new QueryRetrievalMetrics(queries.Average(q => q.Recall1), queries.Average(q => q.Recall3), queries.Average(q => q.Recall5),
            queries.Average(q => q.Recall10), queries.Average(q => q.Mrr10), queries.Average(q => q.Ndcg10));
    }

    /// <summary>Document ids best first; equal scores by id; a document listed twice counts at its best rank only.</summary>
    private static List<string> Order(IReadOnlyList<RankedDocument> ranked) =>
        ranked.OrderByDescending(d => d.Score).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
}
