using Microsoft.ML.Data;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>Both scorers averaged: the lexical model's precision on product words, the encoder's on paraphrases.</summary>
public sealed class EnsembleIntentScorer(IIntentScorer first, IIntentScorer second) : IIntentScorer
{
    public async Task<IReadOnlyList<IntentPrediction>> ScoreAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var a = await first.ScoreAsync(texts, cancellationToken);
        var b = await second.ScoreAsync(texts, cancellationToken);
        return a.Zip(b, (x, y) =>
        {
            var other = y.Ranked.ToDictionary(s => s.Intent, s => s.Score, StringComparer.Ordinal);
            return new IntentPrediction(x.Ranked.Select(s => s with { Score = (s.Score + other.GetValueOrDefault(s.Intent)) / 2 })
                .OrderByDescending(s => s.Score).ThenBy(s => s.Intent, StringComparer.Ordinal).ToList());
        }).ToList();
    }
}
