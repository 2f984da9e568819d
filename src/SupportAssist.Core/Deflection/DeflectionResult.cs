using SupportAssist.Answering;
using SupportAssist.Policy;
using SupportAssist.Retrieval;

namespace SupportAssist.Deflection;

/// <summary>The decision, how sure it is, the answer when one is shown, the articles, and why.</summary>
public sealed record DeflectionResult(
    Guid Id,
    DeflectionDecision Decision,
    double Confidence,
    ComposedAnswer? Answer,
    IReadOnlyList<ArticleHit> SuggestedArticles,
    IReadOnlyList<HandoffMatch> Handoff,
    IReadOnlyList<string> Reasons,
    bool Degraded)
{
    /// <summary>The evidence the policy weighed; null when none was collected (a handoff, no article, or no query embedding).</summary>
    public AnswerEvidence? Evidence { get; init; }

    /// <summary>The answerability model's probability, unrounded (<see cref="Confidence"/> is rounded to 3 places); 0 without evidence.</summary>
    public double Probability { get; init; }
}
