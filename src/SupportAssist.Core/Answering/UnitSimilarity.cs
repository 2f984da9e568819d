using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace SupportAssist.Answering;

/// <summary>
/// Scores answer units by meaning: each unit is embedded as a passage and compared with the question's query
/// embedding. Units repeat across questions (they are the help center's sentences), so a caching embedder, warmed
/// when articles are indexed, answers most of them without running the model.
/// </summary>
public static class UnitSimilarity
{
    /// <summary>
    /// The units with <see cref="AnswerUnit.Similarity"/> set; unchanged (similarity 0) when there is no query
    /// vector (retrieval ran on BM25 alone) or the embedder failed (the caller degrades to lexical signals).
    /// </summary>
    public static async Task<(IReadOnlyList<AnswerUnit> Units, Exception? Failure)> ScoreAsync(
        IReadOnlyList<AnswerUnit> units, ReadOnlyMemory<float>? query, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(embedder);
        if (query is not { } vector || units.Count == 0) return (units, null);
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await embedder.GenerateAsync(units.Select(u => u.Text), cancellationToken: cancellationToken);
        }
        catch (Retrieval.EmbeddingUnavailableException ex)
        {
            // Degrade, don't fail: lexical ranking answers; the caller logs it.
            return (units, ex);
        }
        var scored = new AnswerUnit[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var unit = embeddings[i].Vector.Span;
            scored[i] = units[i] with { Similarity = unit.Length == vector.Length ? TensorPrimitives.CosineSimilarity(vector.Span, unit) : 0 };
        }
        return (scored, null);
    }
}
