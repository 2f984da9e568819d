using Microsoft.Extensions.AI;

namespace SupportAssist.Embeddings.Arctic;

/// <summary>
/// The local encoder behind Microsoft.Extensions.AI's embedding interface. Texts are passages unless the options
/// say <c>input_type = query</c> in their additional properties (the convention asymmetric embedding APIs use;
/// SupportAssist's retrieval marks its queries so).
/// </summary>
public sealed class LocalEmbeddingGenerator(ArcticEmbedXs encoder) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The additional property that says what the texts are.</summary>
    public const string InputTypeProperty = "input_type";

    /// <summary>Its value for search queries; any other value (or none) means passages.</summary>
    public const string QueryInputType = "query";

    private readonly EmbeddingGeneratorMetadata _metadata = new("local", defaultModelId: encoder.ModelId, defaultModelDimensions: ArcticEmbedXs.Dimensions);

    /// <summary>The encoder this generator runs.</summary>
    public ArcticEmbedXs Encoder => encoder;

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        var input = options?.AdditionalProperties?.TryGetValue(InputTypeProperty, out var type) == true && Equals(type, QueryInputType)
            ? EmbeddingInput.Query
            : EmbeddingInput.Passage;
        var vectors = new float[texts.Count * ArcticEmbedXs.Dimensions];
        encoder.Embed(texts, input, vectors, cancellationToken);
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
            result.Add(new Embedding<float>(vectors.AsMemory(i * ArcticEmbedXs.Dimensions, ArcticEmbedXs.Dimensions)) { ModelId = encoder.ModelId });
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(encoder) ? encoder
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The encoder is owned by whoever loaded it (the host shares one).
    }
}
