using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Benchmarks;

/// <summary>
/// Exact top-10 cosine scan against a plain sum over the same bytes, which bounds what any scan of them
/// can reach: the scan's throughput is (Count x Dimensions x 4 bytes) / time.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class VectorScanBenchmarks
{
    private VectorSnapshot _snapshot = VectorSnapshot.Empty;
    private float[] _raw = [];
    private float[] _query = [];
    private readonly RetrievalFilter _agent = new(Audience.Agent);
    private readonly RetrievalFilter _public = new(Audience.Public);

    [Params(1_000, 10_000, 100_000)]
    public int Chunks { get; set; }

    [Params(384, 512)]
    public int Dimensions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var rows = new List<IndexedChunk>(Chunks);
        for (var i = 0; i < Chunks; i++) rows.Add(new IndexedChunk(SyntheticCorpus.Chunk(i, "x"), SyntheticCorpus.Vector(random, Dimensions)));
        _snapshot = VectorSnapshot.Of(Dimensions, rows);
        _raw = rows.SelectMany(r => r.Vector.ToArray()).ToArray();
        _query = SyntheticCorpus.Vector(random, Dimensions);
    }

    [Benchmark(Baseline = true, Description = "sum over the same bytes (bandwidth bound)")]
    public float MemoryBound() => TensorPrimitives.Sum(_raw);

    [Benchmark(Description = "sum over the same bytes, one half per core")]
    public float MemoryBoundAllCores()
    {
        var halves = new float[2];
        var half = _raw.Length / 2;
        Parallel.For(0, 2, p => halves[p] = TensorPrimitives.Sum(_raw.AsSpan(p * half, p == 0 ? half : _raw.Length - half)));
        return halves[0] + halves[1];
    }

    [Benchmark(Description = "exact scan, top 10, every row (agent)")]
    public int ScanAll() => _snapshot.Search(_query.AsMemory(), _agent, 10).Count;

    [Benchmark(Description = "exact scan, top 10, public filter in the scan")]
    public int ScanPublic() => _snapshot.Search(_query.AsMemory(), _public, 10).Count;
}
