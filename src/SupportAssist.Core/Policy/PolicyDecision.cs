using SupportAssist.Answering;
using SupportAssist.Deflection;

namespace SupportAssist.Policy;

/// <summary>What the policy decided, how sure it is (the calibrated probability that an answer would be correct, rounded to 3 places), and why.</summary>
public sealed record PolicyDecision(DeflectionDecision Decision, double Confidence, IReadOnlyList<DecisionReason> Reasons)
{
    /// <summary>The answerability model's probability, unrounded; 0 when no evidence was weighed.</summary>
    public double Probability { get; init; }

    /// <summary>The answer to show: set by <see cref="DeflectionPolicy.Review"/> only for a grounded answer.</summary>
    public ComposedAnswer? Answer { get; init; }
}
