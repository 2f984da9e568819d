using Microsoft.Extensions.AI;
using SupportAssist.Embeddings.Model;

namespace SupportAssist.Infrastructure.AI;

/// <summary>The local Universal Sentence Encoder Lite behind Microsoft.Extensions.AI's embedding interface.</summary>
public sealed class LocalSentenceEncoderGenerator(UniversalSentenceEncoderLite encoder) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id recorded with every index built by this embedder.</summary>
    public const string ModelId = "universal-sentence-encoder-lite@0.2.0";

    private readonly EmbeddingGeneratorMetadata _metadata = new("local", defaultModelId: ModelId, defaultModelDimensions: UniversalSentenceEncoderLite.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IList<string> ?? values.ToList();
        var vectors = new float[texts.Count][];
        if (texts.Count == 1)
        {
            vectors[0] = encoder.Embed(texts[0]);
        }
        else
        {
            // A batch spreads over the cores; each call is independent and the encoder is thread-safe.
            Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => vectors[i] = encoder.Embed(texts[i]));
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var vector in vectors) result.Add(new Embedding<float>(vector) { ModelId = ModelId });
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
}
