using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Benchmarks;

/// <summary>
/// What our side of Qdrant costs per request, before the network: a hybrid search's sparse query vector and
/// its gRPC Query message (512-d dense prefetch + sparse prefetch + RRF + filter), and an upsert batch of 128
/// chunks (sparse BM25 weights, point ids, payload, protobuf). Qdrant's own time is not measured: no Qdrant runs here.
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

    [Benchmark(Description = "hybrid search request: sparse query + gRPC Query message (512-d, RRF, filter)")]
    public int HybridQueryRequest()
    {
        var filter = QdrantCollectionLayout.ChunkFilter(new RetrievalFilter(Audience.Public, "en", "payments"));
        var sparse = SparseTermVectors.ForQuery(Query)!;
        var request = new QueryPoints { CollectionName = "supportassist-chunks", Query = new Qdrant.Client.Grpc.Query { Rrf = new Rrf { K = 61, Weights = { 1f, 1f } } }, Filter = filter, Limit = 50 };
        request.Prefetch.Add(new PrefetchQuery { Query = new Qdrant.Client.Grpc.Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { _vector } } } }, Using = QdrantCollectionLayout.DenseVector, Filter = filter, Limit = 50 });
        request.Prefetch.Add(new PrefetchQuery { Query = new Qdrant.Client.Grpc.Query { Nearest = new VectorInput { Sparse = sparse } }, Using = QdrantCollectionLayout.SparseVector, Filter = filter, Limit = 50 });
        return request.ToByteArray().Length;
    }

    [Benchmark(Description = "upsert batch: 128 chunks to points (BM25 weights, ids, payload) + protobuf")]
    public int UpsertBatch()
    {
        var request = new UpsertPoints { CollectionName = "supportassist-chunks", Wait = true };
        request.Points.Add(_chunks.Select(c => QdrantCollectionLayout.ChunkPoint(c, _options)));
        return request.ToByteArray().Length;
    }

    private static string[] SyntheticCorpusWords() =>
        ["refund", "payout", "card", "dispute", "chargeback", "invoice", "subscription", "fee", "bank", "account", "verify", "webhook",
         "balance", "reserve", "schedule", "customer", "payment", "declined", "evidence", "tax", "currency", "transfer", "limit", "api"];
}
