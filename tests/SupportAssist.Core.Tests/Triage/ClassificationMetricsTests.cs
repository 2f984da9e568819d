using SupportAssist.Triage;

namespace SupportAssist.Core.Tests.Triage;

public sealed class ClassificationMetricsTests
{
    // Hand-computed: gold a,a,b,oos,oos; predictions at threshold 0.5: a (0.9), b (0.8, wrong), oos (0.3 < 0.5, wrong),
    // oos (0.2), a (0.7, wrong).
    private static readonly ScoredExample[] Examples =
    [
        new("a", "a", 0.9), new("a", "b", 0.8), new("b", "b", 0.3), new("oos", "a", 0.2), new("oos", "a", 0.7),
    ];

    [Fact]
    public void Metrics_match_a_hand_computed_case()
    {
        var report = ClassificationMetrics.Evaluate(Examples, 0.5);

        Assert.Equal(2 / 5.0, report.Accuracy, 6);
        Assert.Equal(1 / 3.0, report.InScopeAccuracy, 6);
        Assert.Equal(1 / 2.0, report.OutOfScopeRecall, 6);
        Assert.Equal(1 / 2.0, report.OutOfScopePrecision, 6);
        // a: P 1/2, R 1/2, F1 1/2. b: P 0, R 0, F1 0. oos: P 1/2, R 1/2, F1 1/2. Macro 1/3.
        Assert.Equal(1 / 3.0, report.MacroF1, 6);
        Assert.Equal([("a", "b", 1), ("b", "oos", 1), ("oos", "a", 1)], report.Confusions);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_keeps_its_intent()
    {
        Assert.Equal("a", ClassificationMetrics.Predicted(new ScoredExample("a", "a", 0.5), 0.5));
        Assert.Equal("oos", ClassificationMetrics.Predicted(new ScoredExample("a", "a", 0.4999), 0.5));
    }

    [Fact]
    public void The_chosen_threshold_separates_in_scope_from_out_of_scope_scores_with_the_widest_margin()
    {
        ScoredExample[] validation = [new("a", "a", 0.9), new("b", "b", 0.7), new("oos", "a", 0.3), new("oos", "b", 0.2)];

        // Every threshold in (0.3, 0.7] is perfect; the grid's middle one of them is chosen.
        var threshold = ClassificationMetrics.ChooseThreshold(validation);

        Assert.InRange(threshold, 0.49, 0.51);
        var report = ClassificationMetrics.Evaluate(validation, threshold);
        Assert.Equal(1.0, report.InScopeAccuracy);
        Assert.Equal(1.0, report.OutOfScopeRecall);
    }

    [Fact]
    public void Without_out_of_scope_examples_nothing_is_refused()
    {
        Assert.Equal(0, ClassificationMetrics.ChooseThreshold([new ScoredExample("a", "a", 0.9)]));
        Assert.True(double.IsNaN(ClassificationMetrics.Evaluate([new ScoredExample("a", "a", 0.9)], 0).OutOfScopeRecall));
    }
}
