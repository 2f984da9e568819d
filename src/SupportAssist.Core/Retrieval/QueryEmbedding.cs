using Microsoft.Extensions.AI;

namespace SupportAssist.Retrieval;

/// <summary>
/// Asymmetric retrieval models embed a search query differently from the passages it should find (arctic-embed
/// puts an instruction before queries). A query is marked with the additional property <c>input_type = query</c>,
/// the convention such embedding APIs use; embedders without the distinction ignore it.
/// </summary>
public static class QueryEmbedding
{
    /// <summary>The additional property naming what the texts are.</summary>
    public const string InputTypeProperty = "input_type";

    /// <summary>Its value for search queries.</summary>
    public const string Query = "query";

    /// <summary>Options that mark the texts as queries.</summary>
    public static EmbeddingGenerationOptions Options() => new() { AdditionalProperties = new() { [InputTypeProperty] = Query } };

    /// <summary>The embedding of <paramref name="text"/> as a search query.</summary>
    public static async Task<Embedding<float>> GenerateQueryAsync(
        this IEmbeddingGenerator<string, Embedding<float>> embedder, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var embeddings = await embedder.GenerateAsync([text], Options(), cancellationToken);
        return embeddings[0];
    }
}
