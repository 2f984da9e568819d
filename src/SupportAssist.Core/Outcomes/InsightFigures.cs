namespace SupportAssist.Outcomes;

/// <summary>The figures of a set of outcomes (a day, a language, or all): what the console's insights show.</summary>
/// <param name="DeflectionRate">Deflections the user did not follow with contacting support.</param>
/// <param name="ContactedAnywayRate">Answered deflections the user still followed with contacting support.</param>
/// <param name="LatencyP50Ms">The median latency of deflections, drafts and triage calls together.</param>
public sealed record InsightFigures(
    int Deflections,
    double? DeflectionRate,
    double? AnswerRate,
    double? HelpfulRate,
    double? ContactedAnywayRate,
    int Drafts,
    double? DraftAcceptanceRate,
    double? DraftEditRate,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    long InputTokens,
    long OutputTokens,
    decimal? EstimatedCost);
