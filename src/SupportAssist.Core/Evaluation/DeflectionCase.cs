namespace SupportAssist.Evaluation;

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
