using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Benchmarks;

/// <summary>
/// What our side of Qdrant costs per request, before the network: a hybrid search's sparse query vector and
/// its Query API body (512-d dense prefetch + sparse prefetch + RRF + filter), and an upsert batch of 128
/// chunks (sparse BM25 weights, point ids, payload, JSON). Qdrant's own time is not measured: no Qdrant runs here.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class QdrantRequestBenchmarks
{
    private const string Query = "my customer says the refund has not reached their card after ten business days";
    private readonly RetrievalOptions _options = new();
    private float[] _vector = [];
    private List<IndexedChunk> _chunks = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _vector = Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray();
        var words = SyntheticCorpusWords();
        // Chunks of about 200 words, as the sample help center's longest sections are.
        _chunks = Enumerable.Range(0, 128).Select(i => new IndexedChunk(
            new Chunk($"article-{i}-{i:x12}", $"article-{i}", 0, $"Article {i} about {words[i % words.Length]}", $"https://help.example/article-{i}",
                $"Article {i} > Section", string.Join(' ', Enumerable.Range(0, 200).Select(_ => words[random.Next(words.Length)])),
                $"{i:x64}", ArticleAudience.Public, "en", "payments"),
            Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray())).ToList();
    }

    [Benchmark(Description = "hybrid search request: sparse query + Query API JSON (512-d, RRF, filter)")]
    public int HybridQueryRequest()
    {
        var filter = QdrantCollectionLayout.ChunkFilter(new RetrievalFilter(Audience.Public, "en", "payments"));
        var sparse = SparseTermVectors.ForQuery(Query)!;
        var request = new QueryRequest(new QueryInput(RrfK: 61), Filter: filter, Limit: 50, Prefetch:
        [
            new Prefetch(new QueryInput(Dense: _vector), QdrantCollectionLayout.DenseVector, filter, 50),
            new Prefetch(new QueryInput(Sparse: sparse), QdrantCollectionLayout.SparseVector, filter, 50),
        ]);
        return JsonSerializer.SerializeToUtf8Bytes(request, QdrantJsonContext.Default.QueryRequest).Length;
    }

    [Benchmark(Description = "upsert batch: 128 chunks to points (BM25 weights, ids, payload) + JSON")]
    public int UpsertBatch()
    {
        var points = _chunks.Select(c => QdrantCollectionLayout.ChunkPoint(c, _options)).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(new UpsertRequest(points), QdrantJsonContext.Default.UpsertRequest).Length;
    }

    private static string[] SyntheticCorpusWords() =>
        ["refund", "payout", "card", "dispute", "chargeback", "invoice", "subscription", "fee", "bank", "account", "verify", "webhook",
         "balance", "reserve", "schedule", "customer", "payment", "declined", "evidence", "tax", "currency", "transfer", "limit", "api"];
}
