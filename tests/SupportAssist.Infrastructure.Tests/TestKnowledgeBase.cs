using Microsoft.Data.Sqlite;

namespace SupportAssist.Infrastructure.Tests;

/// <summary>The real SQLite knowledge base in a temp folder, wired as the host wires it.</summary>
internal sealed class TestKnowledgeBase : Indexing.IKnowledgeBaseUnderTest, IDisposable
{
    // The suites count chunk embeddings; warming answer sentences (for a caching embedder) is tested on its own.
    internal static KnowledgeBaseOptions IngestionSettings => new() { WarmAnswerSentences = false };

    private readonly SqliteWriteGate _gate = new();

    public TestKnowledgeBase(string? folder = null, RetrievalOptions? retrieval = null, int dimensions = 64)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory("supportassist-tests-").FullName;
        Database = new SqliteDatabase(Path.Combine(Folder, "kb.db"), NullLogger<SqliteDatabase>.Instance);
        VectorIndex = new SqliteVectorIndex(Database, _gate);
        Store = new SqliteKnowledgeStore(Database, _gate, VectorIndex, TimeProvider.System);
        var retrievalOptions = Options.Create(retrieval ?? new RetrievalOptions());
        KeywordIndex = new SqliteKeywordIndex(Database, retrievalOptions);
        Embedder = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(dimensions));
        Ingestor = new KnowledgeBaseIngestor(Store, Embedder, Options.Create(IngestionSettings), NullLogger<KnowledgeBaseIngestor>.Instance);
        Retriever = new HybridRetriever(Embedder, new SearchIndexes(VectorIndex, KeywordIndex), retrievalOptions, NullLogger<HybridRetriever>.Instance);
    }

    public string Folder { get; }
    public SqliteDatabase Database { get; }
    public SqliteVectorIndex VectorIndex { get; }
    public SqliteKnowledgeStore Store { get; }
    public SqliteKeywordIndex KeywordIndex { get; }
    public CountingEmbedder Embedder { get; }
    public KnowledgeBaseIngestor Ingestor { get; }
    public HybridRetriever Retriever { get; }

    IKnowledgeStore Indexing.IKnowledgeBaseUnderTest.Store => Store;
    IVectorIndex Indexing.IKnowledgeBaseUnderTest.VectorIndex => VectorIndex;
    IKeywordIndex Indexing.IKnowledgeBaseUnderTest.KeywordIndex => KeywordIndex;
    public IReadOnlyList<string> HybridSources => [HybridRetriever.Bm25, HybridRetriever.Dense];

    public Task WarmUpAsync() => VectorIndex.WarmUpAsync(CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The same database file seen through another embedder, as after a configuration change.</summary>
    public (KnowledgeBaseIngestor Ingestor, HybridRetriever Retriever) WithEmbedder(IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        (new KnowledgeBaseIngestor(Store, embedder, Options.Create(IngestionSettings), NullLogger<KnowledgeBaseIngestor>.Instance),
         new HybridRetriever(embedder, new SearchIndexes(VectorIndex, KeywordIndex), Options.Create(new RetrievalOptions()), NullLogger<HybridRetriever>.Instance));

    public static Article Article(string id, string title, string body, ArticleAudience audience = ArticleAudience.Public, string locale = "en", string? area = "payments") =>
        new(id, title, $"https://help.example/{id}", locale, audience, area, [], null, body);

    public async Task<IReadOnlyList<string>> KeywordIdsAsync(string query, Audience audience = Audience.Agent, int limit = 10) =>
        (await KeywordIndex.SearchAsync(query, new RetrievalFilter(audience), limit, CancellationToken.None)).Select(h => h.Chunk.ArticleId).Distinct().ToList();

    public async Task<IReadOnlyList<string>> DenseIdsAsync(string query, Audience audience = Audience.Agent, int limit = 10)
    {
        var vector = await EmbedAsync(query);
        return (await VectorIndex.SearchAsync(vector, new RetrievalFilter(audience), limit, CancellationToken.None)).Select(h => h.Chunk.ArticleId).Distinct().ToList();
    }

    public async Task<ReadOnlyMemory<float>> EmbedAsync(string text) =>
        (await ((IEmbeddingGenerator<string, Embedding<float>>)Embedder).GenerateAsync(text)).Vector;

    public void Dispose()
    {
        Database.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Counts the texts it is asked to embed, so tests can prove that unchanged content is not re-embedded.</summary>
internal sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _texts;

    public int TextsEmbedded => _texts;

    public bool Fail { get; set; }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Fail) throw new EmbeddingUnavailableException("embedding provider is down", new HttpRequestException("connection refused"));
        var list = values.ToList();
        Interlocked.Add(ref _texts, list.Count);
        return base.GenerateAsync(list, options, cancellationToken);
    }
}
