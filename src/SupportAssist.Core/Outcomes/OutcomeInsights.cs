using SupportAssist.Evaluation;

namespace SupportAssist.Outcomes;

/// <summary>Insights over the outcomes since a day: overall, per day (UTC), per language, and the largest content gaps.</summary>
public sealed record OutcomeInsights(
    InsightFigures Overall,
    IReadOnlyList<(DateOnly Day, InsightFigures Figures)> PerDay,
    IReadOnlyList<(string Language, InsightFigures Figures)> PerLanguage,
    IReadOnlyList<QuestionCluster> ContentGaps)
{
    /// <summary>Computes the insights of <paramref name="outcomes"/> (each with its feedback); gaps are clusters of deflections that were not answered.</summary>
    public static OutcomeInsights Of(IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)> outcomes, int gaps = 10)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var perDay = outcomes.GroupBy(o => DateOnly.FromDateTime(o.Outcome.At.UtcDateTime)).OrderBy(g => g.Key).Select(g => (g.Key, Figures(g.ToList()))).ToList();
        var perLanguage = outcomes.Where(o => o.Outcome.Kind == "deflection")
            .GroupBy(o => LanguageOf(o.Outcome)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Figures(g.ToList()))).ToList();
        // Gaps from the latest 2,000 unanswered questions at most: clustering is quadratic in the worst case.
        var unanswered = outcomes.Where(o => o.Outcome.Kind == "deflection" && o.Outcome.Decision != "answer").Select(o => o.Outcome).TakeLast(2000);
        return new OutcomeInsights(Figures(outcomes), perDay, perLanguage, OutcomeMetrics.ContentGaps(unanswered).Take(gaps).ToList());
    }

    private static string LanguageOf(Outcome outcome) =>
        outcome.Locale is { Length: >= 2 } locale ? locale[..2].ToLowerInvariant() : Text.LanguageGuess.Of(outcome.Input).Code;

    private static InsightFigures Figures(IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)> outcomes)
    {
        var deflections = outcomes.Where(o => o.Outcome.Kind == "deflection").ToList();
        var answered = deflections.Where(o => o.Outcome.Decision == "answer").ToList();
        var verdicts = deflections.SelectMany(o => o.Feedback).Where(f => f.Kind is "helpful" or "not_helpful").ToList();
        var drafts = outcomes.Where(o => o.Outcome.Kind == "draft").ToList();
        var judged = drafts.Where(d => d.Feedback.Count > 0).ToList();
        var latencies = outcomes.Select(o => o.Outcome.LatencyMs).Order().ToList();
        var usages = outcomes.Select(o => o.Outcome.Usage).OfType<Answering.TokenUsage>().ToList();
        return new InsightFigures(
            deflections.Count,
            Share(deflections.Count(o => o.Feedback.All(f => f.Kind != "contacted_support")), deflections.Count),
            Share(answered.Count, deflections.Count),
            Share(verdicts.Count(f => f.Kind == "helpful"), verdicts.Count),
            Share(answered.Count(o => o.Feedback.Any(f => f.Kind == "contacted_support")), answered.Count),
            drafts.Count,
            Share(judged.Count(d => d.Feedback[0].Kind == "accepted"), judged.Count),
            Share(judged.Count(d => d.Feedback[0].Kind == "edited"), judged.Count),
            Percentile(latencies, 0.5),
            Percentile(latencies, 0.95),
            usages.Sum(u => (long)u.InputTokens),
            usages.Sum(u => (long)u.OutputTokens),
            usages.Count == 0 || usages.Any(u => u.EstimatedCost is null) ? null : usages.Sum(u => u.EstimatedCost!.Value));
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round(part / (double)whole, 4);

    // Nearest-rank percentile of sorted values.
    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}
