namespace SupportAssist.Evaluation;

/// <summary>What the eval set says a question needs: an answer from these articles, no answer (none exists), or a person.</summary>
public enum ExpectedOutcome
{
    /// <summary>A public article answers it.</summary>
    Answerable,

    /// <summary>No public article answers it: abstaining is right.</summary>
    Unanswerable,

    /// <summary>It must go to a person whatever the articles say.</summary>
    Human,
}

/// <summary>
/// One eval question and what deflection did with it, at the lowest answer threshold: whether an answer was
/// composed and checked (<see cref="Answered"/>), its evidence, the articles the answer cites and those suggested.
/// </summary>
public sealed record DeflectionCase(
    ExpectedOutcome Expected,
    IReadOnlySet<string> ExpectedArticles,
    bool Answered,
    double Evidence,
    bool WentToPerson,
    IReadOnlySet<string> CitedArticles,
    IReadOnlyList<string> SuggestedArticles)
{
    /// <summary>Answered at <paramref name="threshold"/>: answered at the lowest threshold, and the evidence clears this one.</summary>
    public bool AnsweredAt(double threshold) => Answered && Evidence >= threshold;

    /// <summary>The answer cites one of the expected articles.</summary>
    public bool Correct => Expected == ExpectedOutcome.Answerable && CitedArticles.Overlaps(ExpectedArticles);
}

/// <summary>Deflection quality at one answer threshold.</summary>
/// <param name="Coverage">Share of all questions answered.</param>
/// <param name="Accuracy">Share of answers that cite an expected article (NaN with no answer).</param>
/// <param name="CorrectDeflectionRate">Share of answerable questions answered from an expected article.</param>
/// <param name="FalseDeflectionRate">Share of questions that should not be answered (unanswerable or for a person) that were.</param>
/// <param name="AbstentionPrecision">Share of questions not answered that should not have been.</param>
/// <param name="AbstentionRecall">Share of questions that should not be answered that were not.</param>
public sealed record DeflectionReport(
    double Threshold, int Questions, double Coverage, double Accuracy, double CorrectDeflectionRate, double FalseDeflectionRate,
    double AbstentionPrecision, double AbstentionRecall);

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
