namespace SupportAssist.Infrastructure.Tests.Indexing;

/// <summary>A knowledge base wired as the host wires it over one store (SQLite, Qdrant), for the shared conformance suite.</summary>
internal interface IKnowledgeBaseUnderTest : IAsyncDisposable
{
    IKnowledgeStore Store { get; }
    IVectorIndex VectorIndex { get; }
    IKeywordIndex KeywordIndex { get; }
    CountingEmbedder Embedder { get; }
    KnowledgeBaseIngestor Ingestor { get; }
    HybridRetriever Retriever { get; }

    /// <summary>The retriever names a hybrid search reports for an article both retrievers found.</summary>
    IReadOnlyList<string> HybridSources { get; }

    /// <summary>The same index seen through another embedder, as after a configuration change.</summary>
    (KnowledgeBaseIngestor Ingestor, HybridRetriever Retriever) WithEmbedder(IEmbeddingGenerator<string, Embedding<float>> embedder);

    /// <summary>Brings the store to the state where an update takes its incremental path (SQLite: vectors in memory).</summary>
    Task WarmUpAsync();
}

internal static class KnowledgeBaseUnderTestExtensions
{
    public static async Task<IReadOnlyList<string>> KeywordIdsAsync(this IKnowledgeBaseUnderTest kb, string query, Audience audience = Audience.Agent, int limit = 10) =>
        (await kb.KeywordIndex.SearchAsync(query, new RetrievalFilter(audience), limit, CancellationToken.None)).Select(h => h.Chunk.ArticleId).Distinct().ToList();

    public static async Task<IReadOnlyList<string>> DenseIdsAsync(this IKnowledgeBaseUnderTest kb, string query, Audience audience = Audience.Agent, int limit = 10)
    {
        var vector = await kb.EmbedAsync(query);
        return (await kb.VectorIndex.SearchAsync(vector, new RetrievalFilter(audience), limit, CancellationToken.None)).Select(h => h.Chunk.ArticleId).Distinct().ToList();
    }

    public static async Task<ReadOnlyMemory<float>> EmbedAsync(this IKnowledgeBaseUnderTest kb, string text) =>
        (await ((IEmbeddingGenerator<string, Embedding<float>>)kb.Embedder).GenerateAsync(text)).Vector;
}
