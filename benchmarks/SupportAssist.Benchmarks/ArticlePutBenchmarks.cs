using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;

namespace SupportAssist.Benchmarks;

/// <summary>
/// One article PUT of one chunk through the real write path (<see cref="SqliteKnowledgeStore"/>: the SQLite transaction
/// with FTS5 and the vector blob, then the in-memory index update) into a file already holding <see cref="Chunks"/>
/// chunks, with the vector index loaded. Each call replaces the same article with the next of 64 prepared versions.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ArticlePutBenchmarks
{
    private const int Dimensions = 384;
    private readonly List<(Article Article, string Hash, IndexedChunk Chunk)> _versions = [];
    private SqliteWriteGate _gate = null!;
    private SqliteDatabase _database = null!;
    private SqliteKnowledgeStore _store = null!;
    private int _next;

    [Params(1_000, 10_000, 100_000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = SyntheticVectorFile.CopyOf(Chunks, Dimensions);
        _gate = new SqliteWriteGate();
        _database = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance);
        var index = new SqliteVectorIndex(_database, _gate);
        _store = new SqliteKnowledgeStore(_database, _gate, index, TimeProvider.System);
        index.WarmUpAsync(CancellationToken.None).GetAwaiter().GetResult();
        var random = new Random(5);
        for (var i = 0; i < 64; i++) _versions.Add(SyntheticVectorFile.OneChunkArticle("bench-put", i, random, Dimensions));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var folder = Path.GetDirectoryName(_database.Path)!;
        _database.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Description = "PUT one-chunk article (store + index)")]
    public Task PutOneChunkArticle()
    {
        var (article, hash, chunk) = _versions[_next++ % _versions.Count];
        return _store.ReplaceArticleAsync(article, hash, [chunk], SyntheticVectorFile.Embedder, CancellationToken.None);
    }
}
