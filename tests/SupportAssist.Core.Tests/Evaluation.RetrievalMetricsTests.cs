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

public sealed class DeflectionMetricsTests
{
    private static DeflectionCase Case(ExpectedOutcome expected, bool answered, double evidence, string[] cited, string[]? expectedArticles = null, bool person = false, string[]? suggested = null) =>
        new(expected, (expectedArticles ?? []).ToHashSet(), answered, evidence, person, cited.ToHashSet(), suggested ?? []);

    // Hand-computed: 3 answerable (one answered right at 0.9, one answered wrong at 0.7, one not answered), 1 unanswerable
    // answered at 0.5, 1 for a person (handed over).
    private static readonly DeflectionCase[] Cases =
    [
        Case(ExpectedOutcome.Answerable, true, 0.9, ["a"], ["a"], suggested: ["a"]),
        Case(ExpectedOutcome.Answerable, true, 0.7, ["x"], ["b"], suggested: ["x", "b"]),
        Case(ExpectedOutcome.Answerable, false, 0.2, [], ["c"], suggested: ["y"]),
        Case(ExpectedOutcome.Unanswerable, true, 0.5, ["z"]),
        Case(ExpectedOutcome.Human, false, 0.8, [], person: true),
    ];

    [Fact]
    public void Metrics_at_a_threshold_match_a_hand_computed_case()
    {
        var at = DeflectionMetrics.At(Cases, 0.6);

        Assert.Equal(2 / 5.0, at.Coverage, 6);
        Assert.Equal(1 / 2.0, at.Accuracy, 6);
        Assert.Equal(1 / 3.0, at.CorrectDeflectionRate, 6);
        Assert.Equal(0.0, at.FalseDeflectionRate, 6);
        // Not answered at 0.6: answerable c, unanswerable (0.5 < 0.6), person. Should abstain: unanswerable, person.
        Assert.Equal(2 / 3.0, at.AbstentionPrecision, 6);
        Assert.Equal(1.0, at.AbstentionRecall, 6);
    }

    [Fact]
    public void Lowering_the_threshold_answers_more_and_counts_false_deflections()
    {
        var at = DeflectionMetrics.At(Cases, 0.4);

        Assert.Equal(3 / 5.0, at.Coverage, 6);
        Assert.Equal(1 / 2.0, at.FalseDeflectionRate, 6);
    }

    [Fact]
    public void Routing_to_a_person_and_suggestions_do_not_depend_on_the_threshold()
    {
        Assert.Equal(1.0, DeflectionMetrics.HumanRoutingRecall(Cases));
        Assert.Equal(2 / 3.0, DeflectionMetrics.SuggestionHitRate(Cases), 6);
        Assert.True(double.IsNaN(DeflectionMetrics.HumanRoutingRecall([])));
    }
}

public sealed class TextOverlapTests
{
    [Fact]
    public void ROUGE_L_uses_the_longest_common_subsequence_of_words()
    {
        // Candidate: the cat sat on the mat (6); reference: the cat lay on the mat today (7); LCS "the cat on the mat" = 5.
        var rouge = TextOverlap.RougeL("The cat sat on the mat [1].", "the cat lay on the mat today");

        var precision = 5 / 6.0;
        var recall = 5 / 7.0;
        Assert.Equal(2 * precision * recall / (precision + recall), rouge, 9);
    }

    [Fact]
    public void Token_F1_counts_shared_words_with_multiplicity()
    {
        // Candidate: a a b (3); reference: a b b c (4); shared: a, b = 2.
        var f1 = TextOverlap.TokenF1("a a b", "a b b c");

        Assert.Equal(2 * (2 / 3.0) * (2 / 4.0) / (2 / 3.0 + 2 / 4.0), f1, 9);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("[1] [2]", "text")]
    [InlineData("text", "")]
    public void Texts_without_words_score_zero(string candidate, string reference)
    {
        Assert.Equal(0, TextOverlap.RougeL(candidate, reference));
        Assert.Equal(0, TextOverlap.TokenF1(candidate, reference));
    }

    [Fact]
    public void Citation_overlap_is_undefined_without_citations_or_expectations()
    {
        var (precision, recall) = CitationOverlap.Of(new HashSet<string> { "a", "b" }, new HashSet<string> { "b", "c", "d" });

        Assert.Equal((0.5, 1 / 3.0), (precision, recall));
        Assert.True(double.IsNaN(CitationOverlap.Of(new HashSet<string>(), new HashSet<string> { "a" }).Precision));
        Assert.True(double.IsNaN(CitationOverlap.Of(new HashSet<string> { "a" }, new HashSet<string>()).Recall));
    }
}
