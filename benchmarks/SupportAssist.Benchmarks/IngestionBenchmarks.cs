using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.KnowledgeBase;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;

namespace SupportAssist.Benchmarks;

/// <summary>
/// Ingesting the whole sample help center into a fresh SQLite file: read and parse the Markdown, chunk, hash,
/// store (articles, chunks, FTS5, vectors). Embedding is excluded: vectors are computed once in setup and
/// served from memory by <see cref="PrecomputedEmbedder"/>.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[InvocationCount(1)]
public class IngestionBenchmarks
{
    private readonly PrecomputedEmbedder _embedder = new();
    private string _folder = "";
    private string _articles = "";
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _articles = FindSamples();
        _folder = Directory.CreateTempSubdirectory("supportassist-ingest-").FullName;
        // One untimed run fills the embedding cache.
        RunOnceAsync(Path.Combine(_folder, "warm.db")).GetAwaiter().GetResult();
        _embedder.Frozen = true;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "ingest samples/helpcenter into a fresh store (no embedding)")]
    public Task<int> IngestSampleHelpCenter() => RunOnceAsync(Path.Combine(_folder, $"run-{_round++}.db"));

    private async Task<int> RunOnceAsync(string path)
    {
        using var gate = new SqliteWriteGate();
        using var database = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance);
        var store = new SqliteKnowledgeStore(database, gate, new SqliteVectorIndex(database, gate), TimeProvider.System);
        var ingestor = new KnowledgeBaseIngestor(store, _embedder, Options.Create(new KnowledgeBaseOptions()), NullLogger<KnowledgeBaseIngestor>.Instance);
        var chunks = 0;
        foreach (var file in await MarkdownArticleReader.ReadFolderAsync(_articles, CancellationToken.None))
        {
            if (file.Article is not null) chunks += (await ingestor.IngestAsync(file.Article, CancellationToken.None)).Chunks;
        }
        return chunks;
    }

    private static string FindSamples()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("run from inside the repository"), "samples", "helpcenter");
    }
}

/// <summary>Serves vectors computed before the measurement, so ingestion is timed without embedding.</summary>
internal sealed class PrecomputedEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LexicalHashingEmbeddingGenerator _inner = new(384);
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public bool Frozen { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            if (!_cache.TryGetValue(value, out var vector))
            {
                if (Frozen) throw new InvalidOperationException("a text was not embedded during setup");
                vector = _inner.Embed(value);
                _cache[value] = vector;
            }
            result.Add(new Embedding<float>(vector));
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
