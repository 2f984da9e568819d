using SupportAssist.Evaluation;

namespace SupportAssist.Core.Tests;

public sealed class RetrievalMetricsTests
{
    private static RankedDocument[] Ranked(params string[] ids) => ids.Select((id, i) => new RankedDocument(id, 1.0 - i * 0.1)).ToArray();

    [Fact]
    public void Recall_MRR_and_nDCG_match_a_hand_computed_case()
    {
        // Relevant: b (2), d (1). Ranked: a, b, c, d.
        var metrics = RetrievalMetrics.Of(Ranked("a", "b", "c", "d"), new Dictionary<string, int> { ["b"] = 2, ["d"] = 1 })!;

        Assert.Equal((0.0, 0.5, 1.0, 1.0), (metrics.Recall1, metrics.Recall3, metrics.Recall5, metrics.Recall10));
        Assert.Equal(0.5, metrics.Mrr10, 6);
        // DCG = 2/log2(3) + 1/log2(5); IDCG = 2/log2(2) + 1/log2(3).
        var expected = (2 / Math.Log2(3) + 1 / Math.Log2(5)) / (2 + 1 / Math.Log2(3));
        Assert.Equal(expected, metrics.Ndcg10, 9);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_id_so_ties_rank_the_same_way_every_run()
    {
        RankedDocument[] tied = [new("z", 0.5), new("a", 0.5)];

        var metrics = RetrievalMetrics.Of(tied, new Dictionary<string, int> { ["z"] = 1 })!;

        Assert.Equal(0.0, metrics.Recall1);
        Assert.Equal(0.5, metrics.Mrr10);
    }

    [Fact]
    public void A_query_without_relevant_documents_has_no_metrics_and_is_left_out_of_the_mean()
    {
        Assert.Null(RetrievalMetrics.Of(Ranked("a"), new Dictionary<string, int>()));
        Assert.Null(RetrievalMetrics.Of(Ranked("a"), new Dictionary<string, int> { ["a"] = 0 }));
        Assert.Null(RetrievalMetrics.Mean([]));
    }

    [Fact]
    public void Nothing_relevant_in_the_top_ten_scores_zero()
    {
        var ids = Enumerable.Range(0, 12).Select(i => $"d{i:00}").ToArray();

        var metrics = RetrievalMetrics.Of(Ranked(ids), new Dictionary<string, int> { ["d11"] = 1 })!;

        Assert.Equal((0.0, 0.0, 0.0), (metrics.Recall10, metrics.Mrr10, metrics.Ndcg10));
    }

    [Fact]
    public void Latency_percentiles_use_the_nearest_rank()
    {
        var summary = LatencySummary.Of([5, 1, 3, 2, 4, 10, 6, 7, 8, 9]);

        Assert.Equal((10, 5.0, 9.0, 10.0, 10.0), (summary.Count, summary.P50, summary.P90, summary.P99, summary.Max));
    }
}
