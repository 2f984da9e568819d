namespace SupportAssist.Policy;

/// <summary>What <see cref="DeflectionPolicy"/> decides on for one question.</summary>
/// <param name="Handoff">The handoff rules that matched the question (<see cref="DeflectionPolicy.Handoff"/>).</param>
/// <param name="ArticlesFound">Public articles retrieval found.</param>
/// <param name="Evidence">The evidence the answerability model weighs; null when none was collected (see <see cref="DeflectionPolicy.WeighsEvidence"/>).</param>
public sealed record PolicyInput(IReadOnlyList<HandoffMatch> Handoff, int ArticlesFound, AnswerEvidence? Evidence);
