using Microsoft.Extensions.AI;

namespace SupportAssist.Knowledge;

/// <summary>Names an embedder so an index can record which one built its vectors.</summary>
public static class EmbedderIdentity
{
    /// <summary>"provider/model/dimensions", from the generator's metadata.</summary>
    public static string Of(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        return $"{metadata?.ProviderName ?? "unknown"}/{metadata?.DefaultModelId ?? "unknown"}/{metadata?.DefaultModelDimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
    }
}
