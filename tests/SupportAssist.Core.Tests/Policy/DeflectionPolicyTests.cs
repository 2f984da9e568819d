using SupportAssist.Deflection;
using SupportAssist.Policy;

namespace SupportAssist.Core.Tests.Policy;

public sealed class DeflectionPolicyTests
{
    private static readonly PolicyThresholds Thresholds = new(Answer: 0.8, Suggest: 0.1);
    private static readonly HandoffMatch[] Legal = [new(HandoffReason.LegalThreat, "my lawyer")];

    [Theory]
    // handoff, articles found, probability -> decision
    [InlineData(true, 3, 0.99, DeflectionDecision.ContactSupport)]
    [InlineData(false, 0, 0.99, DeflectionDecision.ContactSupport)]
    [InlineData(false, 3, 0.05, DeflectionDecision.ContactSupport)]
    [InlineData(false, 3, 0.10, DeflectionDecision.SuggestArticles)]
    [InlineData(false, 3, 0.79, DeflectionDecision.SuggestArticles)]
    [InlineData(false, 3, 0.80, DeflectionDecision.Answer)]
    [InlineData(false, 1, 0.99, DeflectionDecision.Answer)]
    public void Decides_by_handoff_first_then_articles_then_the_probability(bool handoff, int articles, double probability, DeflectionDecision expected)
    {
        var decision = DeflectionPolicy.Decide(handoff ? Legal : [], articles, probability, Thresholds);

        Assert.Equal(expected, decision.Decision);
        Assert.Equal(Math.Round(probability, 3), decision.Confidence);
    }

    [Theory]
    [InlineData(true, 3, DeflectionDecision.ContactSupport)]
    [InlineData(false, 0, DeflectionDecision.ContactSupport)]
    [InlineData(false, 3, DeflectionDecision.SuggestArticles)]
    public void Without_a_probability_found_articles_are_suggested_never_answered_from(bool handoff, int articles, DeflectionDecision expected)
    {
        var decision = DeflectionPolicy.Decide(handoff ? Legal : [], articles, null, Thresholds);

        Assert.Equal(expected, decision.Decision);
        if (expected == DeflectionDecision.SuggestArticles) Assert.Contains("embedding, which is unavailable", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 3, 0.9, "needs a person (legal threat): \"my lawyer\"")]
    [InlineData(false, 0, 0.9, "no public article matches the question")]
    [InlineData(false, 3, 0.05, "below the suggestion threshold 0.1")]
    [InlineData(false, 3, 0.5, "below the answer threshold 0.8")]
    [InlineData(false, 3, 0.85, "at or above the answer threshold 0.8")]
    public void Says_why(bool handoff, int articles, double probability, string reason)
    {
        var decision = DeflectionPolicy.Decide(handoff ? Legal : [], articles, probability, Thresholds);

        Assert.Contains(decision.Reasons, r => r.Contains(reason, StringComparison.Ordinal));
    }
}
