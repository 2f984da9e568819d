using Grpc.Net.Client;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.Indexing;
using QdrantClient = Qdrant.Client.QdrantClient;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>The Qdrant store wired as the host wires it, on its own alias, against a Qdrant's gRPC endpoint at <c>root</c> (real or our stand-in).</summary>
internal sealed class QdrantTestKnowledgeBase : IKnowledgeBaseUnderTest
{
    // The suites count chunk embeddings; warming answer sentences (for a caching embedder) is tested on its own.
    internal static KnowledgeBaseOptions IngestionSettings => new() { WarmAnswerSentences = false };

    private readonly QdrantClient _sdk;
    private readonly IOptions<VectorStoreOptions> _options;
    private readonly IOptions<RetrievalOptions> _retrieval;
    private readonly bool _serverFusion;

    public QdrantTestKnowledgeBase(Uri root, string? apiKey = null, bool serverFusion = true, QdrantOptions? settings = null, TimeProvider? clock = null, RetrievalOptions? retrieval = null)
    {
        _retrieval = Options.Create(retrieval ?? new RetrievalOptions());
        _serverFusion = serverFusion;
        _sdk = Connect(root, apiKey);
        settings ??= new QdrantOptions();
        settings.Collection = $"test-{Guid.NewGuid():N}"[..20];
        _options = Options.Create(new VectorStoreOptions { Provider = VectorStoreOptions.QdrantProvider, Qdrant = settings });
        Client = new QdrantGateway(_sdk);
        clock ??= TimeProvider.System;
        Collections = new QdrantCollections(Client, _options, clock, NullLogger<QdrantCollections>.Instance);
        QdrantStore = new QdrantKnowledgeStore(Client, Collections, _options, _retrieval, clock);
        Search = new QdrantSearchIndex(Client, Collections, _options);
        Embedder = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64));
        (Ingestor, Retriever) = WithEmbedder(Embedder);
    }

    public QdrantGateway Client { get; }
    public QdrantCollections Collections { get; }
    public QdrantKnowledgeStore QdrantStore { get; }
    public QdrantSearchIndex Search { get; }
    public IKnowledgeStore Store => QdrantStore;
    public IVectorIndex VectorIndex => Search;
    public IKeywordIndex KeywordIndex => Search;
    public CountingEmbedder Embedder { get; }
    public KnowledgeBaseIngestor Ingestor { get; }
    public HybridRetriever Retriever { get; }
    public IReadOnlyList<string> HybridSources => _serverFusion ? [HybridRetriever.Fused] : [HybridRetriever.Bm25, HybridRetriever.Dense];

    public (KnowledgeBaseIngestor Ingestor, HybridRetriever Retriever) WithEmbedder(IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        (new KnowledgeBaseIngestor(QdrantStore, embedder, Options.Create(IngestionSettings), NullLogger<KnowledgeBaseIngestor>.Instance),
         new HybridRetriever(embedder, new SearchIndexes(Search, Search) { Fused = _serverFusion ? Search : null }, _retrieval, NullLogger<HybridRetriever>.Instance));

    public Task WarmUpAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // A real server keeps what tests made: remove this alias's collections.
        try
        {
            foreach (var name in await Client.ListCollectionsAsync(CancellationToken.None))
            {
                if (name.StartsWith(Collections.Alias, StringComparison.Ordinal)) await Client.DeleteCollectionAsync(name, CancellationToken.None);
            }
        }
        catch (QdrantException)
        {
            // The server is gone already (a fault test stopped it): nothing left to clean.
        }
        QdrantStore.Dispose();
        _sdk.Dispose();
    }

    /// <summary>The official client on a plain channel to <paramref name="root"/> (no resilience: tests see every failure), the key as metadata.</summary>
    public static QdrantClient Connect(Uri root, string? apiKey = null)
    {
        var http = new HttpClient();
        if (apiKey is not null) http.DefaultRequestHeaders.Add("api-key", apiKey);
        return new QdrantClient(new QdrantGrpcClient(GrpcChannel.ForAddress(root, new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = true })));
    }
}

/// <summary>The system clock moved by <see cref="Offset"/>: lets a test age what the store created.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
