namespace SupportAssist.Evaluation;

/// <summary>A retrieved document and its score, as a retriever ranked it.</summary>
public sealed record RankedDocument(string Id, double Score);

/// <summary>One query's retrieval quality at the standard cut-offs.</summary>
public sealed record QueryRetrievalMetrics(double Recall1, double Recall3, double Recall5, double Recall10, double Mrr10, double Ndcg10);

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

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    /// <summary>The percentiles of <paramref name="milliseconds"/>.</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0) return new LatencySummary(0, 0, 0, 0, 0);
        var sorted = milliseconds.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Math.Round(At(0.5), 3), Math.Round(At(0.9), 3), Math.Round(At(0.99), 3), Math.Round(sorted[^1], 3));
    }
}
