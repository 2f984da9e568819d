using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// A scorer that needs the embedder, backed by the ML.NET scorer: when the embedder fails (a provider outage), the
/// ML.NET prediction is used, judged by its own threshold, with a note; triage degrades instead of failing.
/// </summary>
public sealed class FallbackIntentScorer(IIntentScorer primary, IIntentScorer fallback, double fallbackThreshold) : IIntentScorer
{
    public async Task<IReadOnlyList<IntentPrediction>> ScoreAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        try
        {
            return await primary.ScoreAsync(texts, cancellationToken);
        }
        catch (Retrieval.EmbeddingUnavailableException error)
        {
            var predictions = await fallback.ScoreAsync(texts, cancellationToken);
            return predictions.Select(p => p with { Threshold = fallbackThreshold, Note = $"the embedder failed ({error.Message}); the ML.NET classifier decided" }).ToList();
        }
    }
}
