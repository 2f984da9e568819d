using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>A scorer with its out-of-scope threshold and name: what the triage service uses.</summary>
public sealed class TrainedIntentClassifier(string name, IIntentScorer scorer, double threshold) : IIntentClassifier
{
    public string Name => name;

    public double OutOfScopeThreshold => threshold;

    public async Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken) =>
        (await scorer.ScoreAsync([text], cancellationToken))[0];
}
