using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SupportAssist.Text;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// A deterministic, LEXICAL embedder: word stems, word bigrams and character trigrams hashed into a fixed
/// number of signed buckets (the hashing trick), log-scaled and L2-normalised. It knows no meaning (no
/// synonyms), only shared words and spellings; it exists so dense retrieval runs with no model at all,
/// and stands in wherever the semantic encoder is unavailable.
/// </summary>
public sealed class LexicalHashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id recorded with every index built by this embedder.</summary>
    public const string ModelId = "lexical-hashing-v1";

    private const float UnigramWeight = 1.0f;
    private const float BigramWeight = 0.5f;
    private const float TrigramWeight = 0.2f;

    private readonly int _dimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public LexicalHashingEmbeddingGenerator(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        _dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata("lexical", defaultModelId: ModelId, defaultModelDimensions: dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId, CreatedAt = null });
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    internal float[] Embed(string text)
    {
        var vector = new float[_dimensions];
        var words = TextTokens.ContentWords(text).ConvertAll(TextTokens.Stem);
        string? previous = null;
        foreach (var word in words)
        {
            Add(vector, 0x9E37_79B9u, word, UnigramWeight);
            if (previous is not null) Add(vector, 0x85EB_CA6Bu, previous + " " + word, BigramWeight);
            previous = word;
            var padded = "<" + word + ">";
            for (var i = 0; i + 3 <= padded.Length; i++)
                Add(vector, 0xC2B2_AE35u, padded.Substring(i, 3), TrigramWeight);
        }

        // log(1 + |x|) damps repeated words; the sign from hashing is kept.
        for (var i = 0; i < vector.Length; i++)
            vector[i] = MathF.CopySign(MathF.Log(1 + MathF.Abs(vector[i])), vector[i]);
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private void Add(float[] vector, uint seed, string feature, float weight)
    {
        var hash = Fnv1a(seed, feature);
        var bucket = (int)(hash % (uint)_dimensions);
        vector[bucket] += (hash & 0x8000_0000u) == 0 ? weight : -weight;
    }

    // FNV-1a: stable across processes and platforms, unlike string.GetHashCode.
    private static uint Fnv1a(uint seed, string text)
    {
        var hash = 2166136261u ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
