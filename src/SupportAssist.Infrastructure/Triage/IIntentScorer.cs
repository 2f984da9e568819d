using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>Scores texts against the trained intents: probabilities over the labels, best first.</summary>
public interface IIntentScorer
{
    /// <summary>The predictions for <paramref name="texts"/>, in order.</summary>
    Task<IReadOnlyList<IntentPrediction>> ScoreAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
