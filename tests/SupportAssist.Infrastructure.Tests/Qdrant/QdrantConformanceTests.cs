using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>
/// The shared suite on the Qdrant store against our loopback stand-in of Qdrant's gRPC API, whose services are generated
/// from Qdrant's own protocol definitions (skipped, saying so, when they were absent at build time). The stand-in is
/// not Qdrant: see the live suite.
/// </summary>
public sealed class QdrantStandInConformanceTests : KnowledgeIndexConformance
{
    public static string? SkipReason => FakeQdrantServer.Available ? null : FakeQdrantServer.AbsentMessage;

    private protected override async Task<IKnowledgeBaseUnderTest> CreateAsync()
    {
        var server = await FakeQdrantServer.StartAsync("test-key");
        return new ServerOwningKnowledgeBase(new QdrantTestKnowledgeBase(server.Root, "test-key", retrieval: Settings), server);
    }

    /// <summary>Disposes the stand-in after the knowledge base, and fails the test if any call was refused as malformed or unsupported.</summary>
    private sealed class ServerOwningKnowledgeBase(QdrantTestKnowledgeBase inner, FakeQdrantServer server) : IKnowledgeBaseUnderTest
    {
        public Knowledge.IKnowledgeStore Store => inner.Store;
        public Retrieval.IVectorIndex VectorIndex => inner.VectorIndex;
        public Retrieval.IKeywordIndex KeywordIndex => inner.KeywordIndex;
        public CountingEmbedder Embedder => inner.Embedder;
        public Knowledge.KnowledgeBaseIngestor Ingestor => inner.Ingestor;
        public Retrieval.HybridRetriever Retriever => inner.Retriever;
        public IReadOnlyList<string> HybridSources => inner.HybridSources;

        public (Knowledge.KnowledgeBaseIngestor Ingestor, Retrieval.HybridRetriever Retriever) WithEmbedder(Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> embedder) =>
            inner.WithEmbedder(embedder);

        public Task WarmUpAsync() => inner.WarmUpAsync();

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            var refused = server.Requests.Where(r => r.Status is Grpc.Core.StatusCode.Unimplemented).ToList();
            await server.DisposeAsync();
            Assert.Empty(refused);
        }
    }
}

/// <summary>The shared suite against a real Qdrant's gRPC endpoint (<c>QDRANT_URL</c>, optional <c>QDRANT_API_KEY</c>); skipped when it is not set.</summary>
public sealed class QdrantLiveConformanceTests : KnowledgeIndexConformance
{
    public static string? SkipReason => Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 }
        ? null
        : "QDRANT_URL is not set: the conformance suite against a real Qdrant is skipped (e.g. QDRANT_URL=http://localhost:6334, its gRPC port).";

    private protected override Task<IKnowledgeBaseUnderTest> CreateAsync() =>
        Task.FromResult<IKnowledgeBaseUnderTest>(new QdrantTestKnowledgeBase(
            new Uri(Environment.GetEnvironmentVariable("QDRANT_URL")!), Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null, retrieval: Settings));
}
