namespace SupportAssist.Triage;

/// <summary>One labelled example and what a classifier said: the gold label, the best intent and its score.</summary>
public sealed record ScoredExample(string Gold, string Top, double Score);

/// <summary>Precision, recall and F1 of one class, with its support (gold examples).</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>Quality of intent classification with out-of-scope detection at one threshold.</summary>
/// <param name="Accuracy">Share of all examples whose prediction (the top intent, or <c>oos</c> under the threshold) equals the gold label.</param>
/// <param name="MacroF1">F1 averaged over every class present in gold or predictions, <c>oos</c> included.</param>
/// <param name="InScopeAccuracy">Share of in-scope examples predicted correctly (not under the threshold, and the right intent).</param>
/// <param name="OutOfScopeRecall">Share of out-of-scope examples predicted out of scope; NaN without any.</param>
/// <param name="OutOfScopePrecision">Share of out-of-scope predictions that are out of scope; NaN without any.</param>
public sealed record ClassificationReport(
    double Threshold, int Examples, double Accuracy, double MacroF1, double InScopeAccuracy, double OutOfScopeRecall, double OutOfScopePrecision,
    IReadOnlyList<ClassMetrics> PerClass, IReadOnlyList<(string Gold, string Predicted, int Count)> Confusions);

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
