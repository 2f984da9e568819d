using Microsoft.Extensions.AI;
using SupportAssist.Embeddings.Model;

namespace SupportAssist.Infrastructure.AI;

/// <summary>The local Universal Sentence Encoder Lite behind Microsoft.Extensions.AI's embedding interface.</summary>
public sealed class LocalSentenceEncoderGenerator(UniversalSentenceEncoderLite encoder) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id recorded with every index built by this embedder.</summary>
    public const string ModelId = "universal-sentence-encoder-lite@0.2.0";

    // A slice holds at least this many texts; a single text runs on the calling thread. Even two chunk-sized
    // texts are milliseconds of work, far above the cost of handing one to another core.
    private const int MinSliceTexts = 2;

    private readonly EmbeddingGeneratorMetadata _metadata = new("local", defaultModelId: ModelId, defaultModelDimensions: UniversalSentenceEncoderLite.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as string[] ?? values.ToArray();
        var vectors = new float[texts.Length * UniversalSentenceEncoderLite.Dimensions];
        if (texts.Length < MinSliceTexts)
        {
            encoder.EmbedBatch(texts, vectors);
        }
        else
        {
            // A batch is cut into contiguous slices spread over the cores; within a slice the encoder packs texts
            // together so each matrix product reads the weights once per pack. The encoder is thread-safe.
            var sliceLength = Math.Max(MinSliceTexts, (texts.Length + 2 * Environment.ProcessorCount - 1) / (2 * Environment.ProcessorCount));
            var slices = (texts.Length + sliceLength - 1) / sliceLength;
            Parallel.For(0, slices, new ParallelOptions { CancellationToken = cancellationToken }, slice =>
            {
                var start = slice * sliceLength;
                var length = Math.Min(sliceLength, texts.Length - start);
                encoder.EmbedBatch(new ArraySegment<string>(texts, start, length),
                    vectors.AsSpan(start * UniversalSentenceEncoderLite.Dimensions, length * UniversalSentenceEncoderLite.Dimensions));
            });
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        for (var i = 0; i < texts.Length; i++)
            result.Add(new Embedding<float>(vectors.AsMemory(i * UniversalSentenceEncoderLite.Dimensions, UniversalSentenceEncoderLite.Dimensions)) { ModelId = ModelId });
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
