using System.Globalization;
using SupportAssist.Deflection;

namespace SupportAssist.Policy;

/// <summary>
/// The deflection decision, evidence in and decision out: questions that need a person go to one whatever the
/// help center says (the handoff rules come first); with no article found, or an answer too unlikely to be right
/// to be worth suggesting, the case goes to a person; an answer is shown only when its probability of being
/// correct clears the threshold of the configured target precision; otherwise articles are suggested.
/// </summary>
public static class DeflectionPolicy
{
    /// <summary>
    /// Decides for a question with <paramref name="handoff"/> matches, <paramref name="suggestions"/> articles found
    /// and answer probability <paramref name="probability"/>; null when the evidence the model reads is incomplete
    /// (no query embedding), in which case found articles are suggested and never answered from.
    /// </summary>
    public static PolicyDecision Decide(IReadOnlyList<HandoffMatch> handoff, int suggestions, double? probability, PolicyThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        ArgumentNullException.ThrowIfNull(thresholds);
        var confidence = Math.Round(probability ?? 0, 3);
        if (handoff.Count > 0)
            return new(DeflectionDecision.ContactSupport, confidence, handoff.Select(h => $"needs a person ({Describe(h.Reason)}): \"{h.Trigger}\"").ToList());
        if (suggestions == 0)
            return new(DeflectionDecision.ContactSupport, confidence, ["no public article matches the question"]);
        if (probability is not { } p)
            return new(DeflectionDecision.SuggestArticles, confidence,
                ["the answer policy needs the question's embedding, which is unavailable; articles are suggested, not answered from"]);
        if (p < thresholds.Suggest)
            return new(DeflectionDecision.ContactSupport, confidence,
                [$"an answer would be right with probability {Format(p)}, below the suggestion threshold {Format(thresholds.Suggest)}"]);
        if (p < thresholds.Answer)
            return new(DeflectionDecision.SuggestArticles, confidence,
                [$"an answer would be right with probability {Format(p)}, below the answer threshold {Format(thresholds.Answer)}"]);
        return new(DeflectionDecision.Answer, confidence,
            [$"an answer would be right with probability {Format(p)}, at or above the answer threshold {Format(thresholds.Answer)}"]);
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
