using SupportAssist.Evaluation;
using SupportAssist.Policy;

namespace SupportAssist.Evals.Deflection;

/// <summary>
/// What deflection did with one question when answering whenever it could (answer threshold 0): whether an answer
/// was composed and grounded, whether it cites an expected article, the policy's probability and its evidence.
/// </summary>
internal sealed record DeflectionRunCase(DeflectionQuestion Question, bool Composed, bool Correct, double Probability, AnswerEvidence? Evidence,
    bool WentToPerson, IReadOnlySet<string> Cited, IReadOnlyList<string> Suggested)
{
    /// <summary>For the shared metrics: answered (when composed) with this probability.</summary>
    public DeflectionCase ToCase() => new(Question.Expected, Question.Articles, Composed, Probability, WentToPerson, Cited, Suggested);
}
