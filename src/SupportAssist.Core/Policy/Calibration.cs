namespace SupportAssist.Policy;

/// <summary>Turning probabilities into thresholds, and checking how well they are calibrated.</summary>
public static class Calibration
{
    /// <summary>
    /// The precision/coverage curve over <paramref name="answers"/> (coverage as a share of <paramref name="questions"/>,
    /// which may include questions never scored), one point per distinct probability, highest threshold first.
    /// </summary>
    public static IReadOnlyList<OperatingPoint> Curve(IReadOnlyList<ScoredAnswer> answers, int questions)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var sorted = answers.OrderByDescending(a => a.Probability).ToList();
        var points = new List<OperatingPoint>();
        var correct = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Correct) correct++;
            if (i + 1 < sorted.Count && sorted[i + 1].Probability == sorted[i].Probability) continue;
            points.Add(new OperatingPoint(sorted[i].Probability, (i + 1) / (double)Math.Max(questions, 1), correct / (double)(i + 1), i + 1));
        }
        return points;
    }

    /// <summary>
    /// The lowest threshold whose answers reach <paramref name="targetPrecision"/>, among thresholds that answer at
    /// least <paramref name="minimumAnswered"/> questions (a precision from a handful of answers means little);
    /// 1 (never answer) when none does.
    /// </summary>
    public static double ThresholdFor(IReadOnlyList<OperatingPoint> curve, double targetPrecision, int minimumAnswered = 10)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var eligible = curve.Where(p => p.Answered >= minimumAnswered && p.Precision >= targetPrecision).ToList();
        return eligible.Count == 0 ? 1.0 : eligible.Min(p => p.Threshold);
    }

    /// <summary>The operating point a threshold gives (what answering at or above it would have done).</summary>
    public static OperatingPoint At(IReadOnlyList<ScoredAnswer> answers, int questions, double threshold)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var answered = answers.Where(a => a.Probability >= threshold).ToList();
        return new OperatingPoint(threshold, answered.Count / (double)Math.Max(questions, 1),
            answered.Count == 0 ? double.NaN : answered.Count(a => a.Correct) / (double)answered.Count, answered.Count);
    }

    /// <summary>Expected calibration error over <paramref name="bins"/> equal-width probability bins: the mean |confidence − accuracy|, weighted by bin size.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<ScoredAnswer> answers, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0) return double.NaN;
        var error = 0.0;
        foreach (var bin in answers.GroupBy(a => Math.Min((int)(a.Probability * bins), bins - 1)))
        {
            var confidence = bin.Average(a => a.Probability);
            var accuracy = bin.Average(a => a.Correct ? 1.0 : 0.0);
            error += bin.Count() / (double)answers.Count * Math.Abs(confidence - accuracy);
        }
        return error;
    }

    /// <summary>Per bin: mean probability, observed accuracy and count (the reliability diagram).</summary>
    public static IReadOnlyList<(double Confidence, double Accuracy, int Count)> Reliability(IReadOnlyList<ScoredAnswer> answers, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.GroupBy(a => Math.Min((int)(a.Probability * bins), bins - 1)).OrderBy(g => g.Key)
            .Select(g => (g.Average(a => a.Probability), g.Average(a => a.Correct ? 1.0 : 0.0), g.Count())).ToList();
    }
}
