namespace SupportAssist.Triage;

/// <summary>
/// Classification metrics for intent triage. An example whose best score is under the threshold is predicted
/// <see cref="OutOfScope"/>; gold <see cref="OutOfScope"/> marks examples no intent covers.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The label of out-of-scope examples in the labelled data.</summary>
    public const string OutOfScope = "oos";

    /// <summary>The prediction for <paramref name="example"/> at <paramref name="threshold"/>.</summary>
    public static string Predicted(ScoredExample example, double threshold)
    {
        ArgumentNullException.ThrowIfNull(example);
        return example.Score >= threshold ? example.Top : OutOfScope;
    }

    /// <summary>Every metric at <paramref name="threshold"/>.</summary>
    public static ClassificationReport Evaluate(IReadOnlyList<ScoredExample> examples, double threshold)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var pairs = examples.Select(e => (e.Gold, Predicted: Predicted(e, threshold))).ToList();
        var labels = pairs.SelectMany(p => new[] { p.Gold, p.Predicted }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var perClass = labels.Select(label =>
        {
            var truePositives = pairs.Count(p => p.Gold == label && p.Predicted == label);
            var predicted = pairs.Count(p => p.Predicted == label);
            var support = pairs.Count(p => p.Gold == label);
            var precision = predicted == 0 ? 0 : truePositives / (double)predicted;
            var recall = support == 0 ? 0 : truePositives / (double)support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassMetrics(label, precision, recall, f1, support);
        }).ToList();
        var inScope = pairs.Where(p => p.Gold != OutOfScope).ToList();
        var outOfScope = pairs.Where(p => p.Gold == OutOfScope).ToList();
        var predictedOut = pairs.Count(p => p.Predicted == OutOfScope);
        var confusions = pairs.Where(p => p.Gold != p.Predicted)
            .GroupBy(p => (p.Gold, p.Predicted))
            .Select(g => (g.Key.Gold, g.Key.Predicted, g.Count()))
            .OrderByDescending(c => c.Item3).ThenBy(c => c.Gold, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .ToList();
        return new ClassificationReport(
            threshold,
            pairs.Count,
            pairs.Count == 0 ? double.NaN : pairs.Count(p => p.Gold == p.Predicted) / (double)pairs.Count,
            perClass.Count == 0 ? double.NaN : perClass.Average(c => c.F1),
            inScope.Count == 0 ? double.NaN : inScope.Count(p => p.Gold == p.Predicted) / (double)inScope.Count,
            outOfScope.Count == 0 ? double.NaN : outOfScope.Count(p => p.Predicted == OutOfScope) / (double)outOfScope.Count,
            predictedOut == 0 ? double.NaN : outOfScope.Count(p => p.Predicted == OutOfScope) / (double)predictedOut,
            perClass,
            confusions);
    }

    /// <summary>
    /// The out-of-scope threshold that maximises the mean of in-scope accuracy and out-of-scope recall on
    /// <paramref name="validation"/>, over a grid of 0.005 steps; of equally good thresholds, the middle one
    /// (the widest margin either way). Without out-of-scope examples, 0: nothing is refused.
    /// </summary>
    public static double ChooseThreshold(IReadOnlyList<ScoredExample> validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (!validation.Any(e => e.Gold == OutOfScope) || !validation.Any(e => e.Gold != OutOfScope)) return 0;
        var grid = Enumerable.Range(0, 201).Select(i => i * 0.005).ToList();
        var objective = grid.Select(t =>
        {
            var report = Evaluate(validation, t);
            return (t, Value: (report.InScopeAccuracy + report.OutOfScopeRecall) / 2);
        }).ToList();
        var best = objective.Max(o => o.Value);
        var ties = objective.Where(o => o.Value >= best - 1e-12).Select(o => o.t).ToList();
        return Math.Round(ties[ties.Count / 2], 3);
    }
}
