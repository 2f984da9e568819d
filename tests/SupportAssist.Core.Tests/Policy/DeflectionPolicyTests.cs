using Microsoft.Extensions.Options;
using SupportAssist.Deflection;

namespace SupportAssist.Core.Tests.Policy;

public sealed class DeflectionPolicyTests
{
    private static readonly HandoffMatch[] Legal = [new(HandoffReason.LegalThreat, "my lawyer")];
    private static readonly AnswerEvidence Evidence = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static readonly int[] Offered = [1, 2];

    // The thresholds are the model's own outputs at 0.8 and 0.1, so a question at a threshold is exactly at it.
    private static readonly double AnswerAt = ModelGiving(0.8).Probability(Evidence);
    private static readonly double SuggestAt = ModelGiving(0.1).Probability(Evidence);

    // A model that gives every question the same probability: no weights, the bias its log-odds.
    private static AnswerabilityModel ModelGiving(double probability) =>
        new("answerability-test", AnswerEvidence.FeatureNames, new double[10], Enumerable.Repeat(1.0, 10).ToArray(), new double[10],
            Math.Log(probability / (1 - probability)), [], new Dictionary<string, string>());

    private static DeflectionPolicy PolicyGiving(double probability) =>
        new(new HumanHandoffRules(), ModelGiving(probability), Options.Create(new DeflectionOptions { AnswerThreshold = AnswerAt, SuggestThreshold = SuggestAt }));

    private static PolicyInput Input(bool handoff, int articles, bool evidence = true) => new(handoff ? Legal : [], articles, evidence ? Evidence : null);

    [Theory]
    // handoff, articles found, probability -> decision, the rule that decided
    [InlineData(true, 3, 0.99, DeflectionDecision.ContactSupport, DecisionRule.Handoff)]
    [InlineData(false, 0, 0.99, DeflectionDecision.ContactSupport, DecisionRule.NoArticle)]
    [InlineData(false, 3, 0.05, DeflectionDecision.ContactSupport, DecisionRule.BelowSuggestThreshold)]
    [InlineData(false, 3, 0.10, DeflectionDecision.SuggestArticles, DecisionRule.BelowAnswerThreshold)]
    [InlineData(false, 3, 0.79, DeflectionDecision.SuggestArticles, DecisionRule.BelowAnswerThreshold)]
    [InlineData(false, 3, 0.80, DeflectionDecision.Answer, DecisionRule.AnswerThresholdMet)]
    [InlineData(false, 1, 0.99, DeflectionDecision.Answer, DecisionRule.AnswerThresholdMet)]
    public void Decides_by_handoff_first_then_articles_then_the_probability(bool handoff, int articles, double probability, DeflectionDecision expected, DecisionRule rule)
    {
        var decision = PolicyGiving(probability).Decide(Input(handoff, articles));

        Assert.Equal(expected, decision.Decision);
        Assert.Equal(rule, Assert.Single(decision.Reasons).Rule);
        Assert.Equal(Math.Round(probability, 3), decision.Confidence);
        Assert.Equal(probability, decision.Probability, 12);
        Assert.Null(decision.Answer);
    }

    [Theory]
    [InlineData(true, 3, DeflectionDecision.ContactSupport, DecisionRule.Handoff)]
    [InlineData(false, 0, DeflectionDecision.ContactSupport, DecisionRule.NoArticle)]
    [InlineData(false, 3, DeflectionDecision.SuggestArticles, DecisionRule.NoQueryEmbedding)]
    public void Without_evidence_found_articles_are_suggested_never_answered_from(bool handoff, int articles, DeflectionDecision expected, DecisionRule rule)
    {
        var decision = PolicyGiving(0.99).Decide(Input(handoff, articles, evidence: false));

        Assert.Equal(expected, decision.Decision);
        Assert.Equal(rule, Assert.Single(decision.Reasons).Rule);
        Assert.Equal(0, decision.Confidence);
        Assert.Equal(0, decision.Probability);
    }

    [Theory]
    [InlineData(true, 3, 0.9, "needs a person (legal threat): \"my lawyer\"")]
    [InlineData(false, 0, 0.9, "no public article matches the question")]
    [InlineData(false, 3, 0.05, "below the suggestion threshold 0.1")]
    [InlineData(false, 3, 0.5, "below the answer threshold 0.8")]
    [InlineData(false, 3, 0.85, "at or above the answer threshold 0.8")]
    public void Says_why(bool handoff, int articles, double probability, string reason)
    {
        var decision = PolicyGiving(probability).Decide(Input(handoff, articles));

        Assert.Contains(decision.Reasons, r => r.Text.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    // handoff, articles found, query embedded -> whether the model has evidence to weigh
    [InlineData(false, 3, true, true)]
    [InlineData(true, 3, true, false)]
    [InlineData(false, 0, true, false)]
    [InlineData(false, 3, false, false)]
    public void Weighs_evidence_only_without_handoff_with_articles_and_an_embedded_query(bool handoff, int articles, bool embedded, bool expected) =>
        Assert.Equal(expected, DeflectionPolicy.WeighsEvidence(handoff ? Legal : [], articles, embedded));

    [Theory]
    // composed text, abstained, degraded -> final decision, shown, the review's rules in order, a reason's words
    [InlineData("Refunds take 5 to 10 days [1].", false, false, DeflectionDecision.Answer, true, new[] { DecisionRule.Grounded }, "every citation is one of the 2 passages given (answer policy answerability-test)")]
    [InlineData("Open the payment [1] and select Refund [2].", false, false, DeflectionDecision.Answer, true, new[] { DecisionRule.Grounded }, "2 passages given")]
    [InlineData("Refunds are instant for gold members [7].", false, false, DeflectionDecision.SuggestArticles, false, new[] { DecisionRule.InventedCitation }, "the answer cites passages it was not given: 7")]
    [InlineData("Refunds take 5 to 10 days [1]. Gold members wait less [3].", false, false, DeflectionDecision.SuggestArticles, false, new[] { DecisionRule.InventedCitation }, "not given: 3")]
    [InlineData("Just click refund, it is easy.", false, false, DeflectionDecision.SuggestArticles, false, new[] { DecisionRule.NoCitation }, "the answer cites no passage")]
    [InlineData("", true, false, DeflectionDecision.SuggestArticles, false, new[] { DecisionRule.Abstained }, "the composer abstained: nothing fits")]
    [InlineData("Refunds take 5 to 10 days [1].", false, true, DeflectionDecision.Answer, true, new[] { DecisionRule.ComposerDegraded, DecisionRule.Grounded }, "the language model could not answer (timed out); the answer is extractive")]
    [InlineData("Refunds take 5 to 10 days.", false, true, DeflectionDecision.SuggestArticles, false, new[] { DecisionRule.ComposerDegraded, DecisionRule.NoCitation }, "could not answer (timed out)")]
    public void Review_shows_only_a_grounded_answer_and_otherwise_suggests_articles(
        string text, bool abstained, bool degraded, DeflectionDecision expected, bool shown, DecisionRule[] rules, string reason)
    {
        var policy = PolicyGiving(0.9);
        var decided = policy.Decide(Input(handoff: false, articles: 3));
        var composed = new ComposedAnswer(text, degraded ? AnswerMode.Extractive : AnswerMode.Generated, [], abstained ? "nothing fits" : null)
        {
            Degradation = degraded ? new Degradation("openai:gpt-test", "timed out") : null,
        };

        var reviewed = policy.Review(decided, composed, Offered);

        Assert.Equal(expected, reviewed.Decision);
        Assert.Equal(shown ? composed : null, reviewed.Answer);
        Assert.Equal(new[] { DecisionRule.AnswerThresholdMet }.Concat(rules), reviewed.Reasons.Select(r => r.Rule));
        Assert.Contains(reviewed.Reasons, r => r.Text.Contains(reason, StringComparison.Ordinal));
        // End users read the cause, never the provider or model behind the service.
        Assert.DoesNotContain(reviewed.Reasons, r => r.Text.Contains("gpt-test", StringComparison.Ordinal));
        Assert.Equal(decided.Confidence, reviewed.Confidence);
        Assert.Equal(decided.Probability, reviewed.Probability);
    }

    [Fact]
    public void The_handoff_rules_are_the_policys_first_step()
    {
        var policy = PolicyGiving(0.99);

        var handoff = policy.Handoff("I will take you to court over this refund");
        var decision = policy.Decide(new PolicyInput(handoff, 3, Evidence));

        Assert.Equal(HandoffReason.LegalThreat, Assert.Single(handoff).Reason);
        Assert.Equal(DeflectionDecision.ContactSupport, decision.Decision);
    }

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData(0.42, 0.42)]
    public void The_answer_threshold_is_the_override_or_the_models_for_the_target_precision(double? configured, double expected)
    {
        // The test model's curve is empty: no precision is reached, so the target's threshold is 1 (never answer).
        var policy = new DeflectionPolicy(new HumanHandoffRules(), ModelGiving(0.5), Options.Create(new DeflectionOptions { AnswerThreshold = configured, SuggestThreshold = 0.05 }));

        Assert.Equal(new PolicyThresholds(expected, 0.05), policy.Thresholds);
    }
}
