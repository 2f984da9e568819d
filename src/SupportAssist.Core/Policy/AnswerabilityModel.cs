namespace SupportAssist.Policy;

/// <summary>
/// The answerability model: the probability that the answer the service would show for a question is correct,
/// from the question's <see cref="AnswerEvidence"/>. A logistic regression trained by the eval CLI
/// (<c>train-policy</c>) on labelled questions; <see cref="Curve"/> is its cross-validated precision/coverage curve
/// on the training questions, from which <see cref="ThresholdFor"/> reads the threshold of a target precision.
/// </summary>
/// <param name="Version">"answerability-" and a fingerprint of the training data, help center, embedder and features.</param>
/// <param name="Features">The evidence features the weights read, by name (<see cref="AnswerEvidence.FeatureNames"/>).</param>
/// <param name="Curve">Out-of-fold operating points on the training questions, highest threshold first.</param>
/// <param name="Training">How the model was made: data, embedder, examples, cross-validation.</param>
public sealed record AnswerabilityModel(
    string Version, IReadOnlyList<string> Features, double[] Means, double[] Scales, double[] Weights, double Bias,
    IReadOnlyList<OperatingPoint> Curve, IReadOnlyDictionary<string, string> Training)
{
    /// <summary>Answers must come from at least this many cross-validated answers before a precision is trusted.</summary>
    public const int MinimumAnswered = 10;

    private readonly LogisticRegression.Fit _fit = new(Means, Scales, Weights, Bias);

    /// <summary>P(the shown answer is correct | evidence).</summary>
    public double Probability(AnswerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return _fit.Probability(evidence.Features());
    }

    /// <summary>The lowest probability at which answers reached <paramref name="targetPrecision"/> in cross-validation (1 when none did).</summary>
    public double ThresholdFor(double targetPrecision) => Calibration.ThresholdFor(Curve, targetPrecision, MinimumAnswered);

    /// <summary>True when the model reads exactly the evidence this build collects.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool MatchesEvidence => Features.SequenceEqual(AnswerEvidence.FeatureNames) && Weights.Length == Features.Count
        && Means.Length == Features.Count && Scales.Length == Features.Count;
}
