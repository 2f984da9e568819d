using System.Globalization;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Deflection;

namespace SupportAssist.Policy;

/// <summary>
/// The deflection decision, evidence in and decision out: questions that need a person go to one whatever the
/// help center says (the handoff rules come first); with no article found, or an answer too unlikely to be right
/// to be worth suggesting, the case goes to a person; an answer is composed only when its probability of being
/// correct (the answerability model's) clears the threshold of the configured target precision, and shown only when
/// it is grounded (<see cref="Review"/>); otherwise articles are suggested.
/// </summary>
public sealed class DeflectionPolicy(HumanHandoffRules handoffRules, AnswerabilityModel model, IOptions<DeflectionOptions> options)
{
    /// <summary>The answer and suggestion thresholds in force: the configured override, or the model's for the target precision.</summary>
    public PolicyThresholds Thresholds =>
        new(options.Value.AnswerThreshold ?? model.ThresholdFor(options.Value.TargetAnswerPrecision), options.Value.SuggestThreshold);

    /// <summary>The handoff rules that match <paramref name="question"/>, once each.</summary>
    public IReadOnlyList<HandoffMatch> Handoff(string question) => handoffRules.Match(question);

    /// <summary>
    /// Whether the answerability model has anything to weigh: no handoff, an article found, and the query embedded.
    /// The model was trained on dense and BM25 evidence together: without the query's embedding (retrieval on BM25
    /// alone) its probability would mean nothing, so articles are suggested instead of guessing.
    /// </summary>
    public static bool WeighsEvidence(IReadOnlyList<HandoffMatch> handoff, int articlesFound, bool queryEmbedded)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        return handoff.Count == 0 && articlesFound > 0 && queryEmbedded;
    }

    /// <summary>Decides for <paramref name="input"/>: contact support, suggest articles, or answer (to be composed, then <see cref="Review"/>ed).</summary>
    public PolicyDecision Decide(PolicyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        double? probability = input.Evidence is null ? null : model.Probability(input.Evidence);
        var thresholds = Thresholds;
        var (decision, reasons) = Rule(input, probability, thresholds);
        return new PolicyDecision(decision, Math.Round(probability ?? 0, 3), reasons) { Probability = probability ?? 0 };
    }

    /// <summary>
    /// The decision once the answer <paramref name="composed"/> for an <see cref="DeflectionDecision.Answer"/> decision
    /// is in: shown only when it is grounded in the <paramref name="offered"/> passages (an abstention, an invented
    /// citation or no citation suggests articles instead); the reasons add why, and a degraded composer's cause.
    /// </summary>
    public PolicyDecision Review(PolicyDecision decided, ComposedAnswer composed, IReadOnlyCollection<int> offered)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(composed);
        ArgumentNullException.ThrowIfNull(offered);
        var reasons = decided.Reasons.ToList();
        // End users see the cause, not which provider or model runs behind the service (the outcome keeps both).
        if (composed.Degradation is { } degradation)
            reasons.Add(new(DecisionRule.ComposerDegraded, $"the language model could not answer ({degradation.Cause}); the answer is extractive"));
        ComposedAnswer? shown = null;
        var check = CitationCheck.Of(composed.Text, offered);
        if (composed.Abstained)
            reasons.Add(new(DecisionRule.Abstained, $"the composer abstained: {composed.AbstainReason}"));
        else if (check.Unknown.Count > 0)
            reasons.Add(new(DecisionRule.InventedCitation, $"the answer cites passages it was not given: {string.Join(", ", check.Unknown)}"));
        else if (!check.IsGrounded)
            reasons.Add(new(DecisionRule.NoCitation, "the answer cites no passage"));
        else
        {
            reasons.Add(new(DecisionRule.Grounded, $"every citation is one of the {offered.Count} passages given (answer policy {model.Version})"));
            shown = composed;
        }
        return decided with { Decision = shown is null ? DeflectionDecision.SuggestArticles : decided.Decision, Reasons = reasons, Answer = shown };
    }

    private static (DeflectionDecision, List<DecisionReason>) Rule(PolicyInput input, double? probability, PolicyThresholds thresholds)
    {
        if (input.Handoff.Count > 0)
            return (DeflectionDecision.ContactSupport, input.Handoff.Select(h => new DecisionReason(DecisionRule.Handoff, $"needs a person ({Describe(h.Reason)}): \"{h.Trigger}\"")).ToList());
        if (input.ArticlesFound == 0)
            return (DeflectionDecision.ContactSupport, [new(DecisionRule.NoArticle, "no public article matches the question")]);
        if (probability is not { } p)
            return (DeflectionDecision.SuggestArticles,
                [new(DecisionRule.NoQueryEmbedding, "the answer policy needs the question's embedding, which is unavailable; articles are suggested, not answered from")]);
        if (p < thresholds.Suggest)
            return (DeflectionDecision.ContactSupport,
                [new(DecisionRule.BelowSuggestThreshold, $"an answer would be right with probability {Format(p)}, below the suggestion threshold {Format(thresholds.Suggest)}")]);
        if (p < thresholds.Answer)
            return (DeflectionDecision.SuggestArticles,
                [new(DecisionRule.BelowAnswerThreshold, $"an answer would be right with probability {Format(p)}, below the answer threshold {Format(thresholds.Answer)}")]);
        return (DeflectionDecision.Answer,
            [new(DecisionRule.AnswerThresholdMet, $"an answer would be right with probability {Format(p)}, at or above the answer threshold {Format(thresholds.Answer)}")]);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Describe(HandoffReason reason) => reason switch
    {
        HandoffReason.AccountSpecific => "about this customer's own account",
        HandoffReason.FraudOrCompromise => "suspected fraud or compromise",
        HandoffReason.LegalThreat => "legal threat",
        HandoffReason.AsksForHuman => "asks for a person",
        _ => reason.ToString(),
    };
}
