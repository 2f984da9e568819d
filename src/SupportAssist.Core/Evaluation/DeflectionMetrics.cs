namespace SupportAssist.Evaluation;

/// <summary>Deflection metrics over an eval set; <see cref="HumanRoutingRecall"/> and <see cref="SuggestionHitRate"/> do not depend on the threshold.</summary>
public static class DeflectionMetrics
{
    /// <summary>Every threshold-dependent metric at <paramref name="threshold"/>.</summary>
    public static DeflectionReport At(IReadOnlyList<DeflectionCase> cases, double threshold)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var answered = cases.Where(c => c.AnsweredAt(threshold)).ToList();
        var answerable = cases.Count(c => c.Expected == ExpectedOutcome.Answerable);
        var shouldAbstain = cases.Where(c => c.Expected != ExpectedOutcome.Answerable).ToList();
        var abstained = cases.Where(c => !c.AnsweredAt(threshold)).ToList();
        static double Share(int part, int whole) => whole == 0 ? double.NaN : part / (double)whole;
        return new DeflectionReport(
            threshold,
            cases.Count,
            Share(answered.Count, cases.Count),
            Share(answered.Count(c => c.Correct), answered.Count),
            Share(answered.Count(c => c.Correct), answerable),
            Share(shouldAbstain.Count(c => c.AnsweredAt(threshold)), shouldAbstain.Count),
            Share(abstained.Count(c => c.Expected != ExpectedOutcome.Answerable), abstained.Count),
            Share(shouldAbstain.Count(c => !c.AnsweredAt(threshold)), shouldAbstain.Count));
    }

    /// <summary>Share of questions that must go to a person that went to one (NaN without any).</summary>
    public static double HumanRoutingRecall(IReadOnlyList<DeflectionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var human = cases.Where(c => c.Expected == ExpectedOutcome.Human).ToList();
        return human.Count == 0 ? double.NaN : human.Count(c => c.WentToPerson) / (double)human.Count;
    }

    /// <summary>Share of answerable questions with an expected article among the suggested ones (NaN without any).</summary>
    public static double SuggestionHitRate(IReadOnlyList<DeflectionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var answerable = cases.Where(c => c.Expected == ExpectedOutcome.Answerable).ToList();
        return answerable.Count == 0 ? double.NaN : answerable.Count(c => c.SuggestedArticles.Any(c.ExpectedArticles.Contains)) / (double)answerable.Count;
    }
}
