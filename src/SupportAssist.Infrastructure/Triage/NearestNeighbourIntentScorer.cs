using Microsoft.Extensions.AI;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// Nearest neighbours over sentence embeddings of the labelled examples: each intent scores the mean cosine
/// similarity of its two closest examples, and a softmax (temperature 0.05, chosen on the validation split for
/// arctic-embed-xs among 0.01-0.3) turns the scores into probabilities.
/// </summary>
public sealed class NearestNeighbourIntentScorer(IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> labels, int[] exampleLabels, float[][] examples) : IIntentScorer
{
    private const double Temperature = 0.05;

    /// <summary>The example vectors (unit length) and their label indexes.</summary>
    public (int[] Labels, float[][] Vectors) Examples => (exampleLabels, examples);

    /// <summary>Embeds <paramref name="tickets"/> as the examples.</summary>
    public static async Task<NearestNeighbourIntentScorer> BuildAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<LabelledTicket> tickets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(tickets);
        var labels = tickets.Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var vectors = await EmbedAsync(embedder, tickets.Select(t => t.Text).ToList(), cancellationToken);
        return new NearestNeighbourIntentScorer(embedder, labels, tickets.Select(t => index[t.Label]).ToArray(), vectors);
    }

    public async Task<IReadOnlyList<IntentPrediction>> ScoreAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var queries = await EmbedAsync(embedder, texts, cancellationToken);
        return queries.Select(Score).ToList();
    }

    private IntentPrediction Score(float[] query)
    {
        var best = new double[labels.Count, 2];
        for (var l = 0; l < labels.Count; l++) best[l, 0] = best[l, 1] = -1;
        for (var i = 0; i < examples.Length; i++)
        {
            var similarity = (double)System.Numerics.Tensors.TensorPrimitives.Dot(query, examples[i]);
            var label = exampleLabels[i];
            if (similarity > best[label, 0])
            {
                best[label, 1] = best[label, 0];
                best[label, 0] = similarity;
            }
            else if (similarity > best[label, 1]) best[label, 1] = similarity;
        }
        var logits = Enumerable.Range(0, labels.Count).Select(l => (best[l, 0] + Math.Max(best[l, 1], best[l, 0])) / 2 / Temperature).ToArray();
        var max = logits.Max();
        var exp = logits.Select(x => Math.Exp(x - max)).ToArray();
        var sum = exp.Sum();
        return MlNetIntentScorer.Rank(labels, exp.Select(e => e / sum).ToArray());
    }

    private static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        // Tickets and examples alike are embedded as queries: the comparison is symmetric, and a query is never
        // written to a passage cache (ticket text is customers' text).
        var embeddings = await embedder.GenerateAsync(texts, SupportAssist.Retrieval.QueryEmbedding.Options(), cancellationToken);
        return embeddings.Select(e =>
        {
            var vector = e.Vector.ToArray();
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
            return vector;
        }).ToArray();
    }
}
