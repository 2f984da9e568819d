using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Benchmarks;

/// <summary>A real SQLite knowledge base in a temp folder holding <c>count</c> synthetic chunks embedded by the lexical embedder.</summary>
internal sealed class SyntheticKnowledgeBase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-bench-").FullName;
    private readonly SqliteWriteGate _gate = new();
    private readonly SqliteDatabase _database;

    public SyntheticKnowledgeBase(int count, int dimensions)
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "kb.db"), NullLogger<SqliteDatabase>.Instance);
        VectorIndex = new SqliteVectorIndex(_database, _gate);
        var store = new SqliteKnowledgeStore(_database, _gate, VectorIndex, TimeProvider.System);
        var options = Options.Create(new RetrievalOptions());
        KeywordIndex = new SqliteKeywordIndex(_database, options);
        Embedder = new LexicalHashingEmbeddingGenerator(dimensions);
        Retriever = new HybridRetriever(Embedder, new SearchIndexes(VectorIndex, KeywordIndex), options, NullLogger<HybridRetriever>.Instance);

        var random = new Random(1234);
        var texts = new List<string>(count);
        for (var start = 0; start < count; start += 10)
        {
            var chunks = new List<IndexedChunk>(10);
            for (var i = start; i < Math.Min(start + 10, count); i++)
            {
                var text = SyntheticCorpus.Text(random, 80);
                texts.Add(text);
                chunks.Add(new IndexedChunk(SyntheticCorpus.Chunk(i, text), Embedder.Embed(text)));
            }
            var first = chunks[0].Chunk;
            var article = new Article(first.ArticleId, first.Title, null, first.Locale, first.Audience, first.ProductArea, [], null, "synthetic");
            store.ReplaceArticleAsync(article, first.ArticleId, chunks, SupportAssist.Knowledge.EmbedderIdentity.Of(Embedder), CancellationToken.None).GetAwaiter().GetResult();
        }
        VectorIndex.WarmUpAsync(CancellationToken.None).GetAwaiter().GetResult();
        Queries = Enumerable.Range(0, 64).Select(_ => SyntheticCorpus.Query(random, texts[random.Next(texts.Count)], 5)).ToArray();
    }

    public SqliteVectorIndex VectorIndex { get; }
    public SqliteKeywordIndex KeywordIndex { get; }
    public LexicalHashingEmbeddingGenerator Embedder { get; }
    public HybridRetriever Retriever { get; }

    /// <summary>Five content words from a random chunk each.</summary>
    public string[] Queries { get; }

    public void Dispose()
    {
        _database.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
