using BenchmarkDotNet.Attributes;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Benchmarks;

/// <summary>One public search over N chunks: BM25 alone (SQLite FTS5) and the whole hybrid retriever (embed, scan, BM25, fuse, aggregate, snippets).</summary>
[Config(typeof(BenchmarkConfig))]
public class RetrievalBenchmarks
{
    private SyntheticKnowledgeBase? _kb;
    private int _next;
    private readonly RetrievalFilter _public = new(Audience.Public);

    [Params(1_000, 10_000, 100_000)]
    public int Chunks { get; set; }

    [Params(384, 512)]
    public int Dimensions { get; set; }

    [GlobalSetup]
    public void Setup() => _kb = new SyntheticKnowledgeBase(Chunks, Dimensions);

    [GlobalCleanup]
    public void Cleanup() => _kb?.Dispose();

    private string NextQuery() => _kb!.Queries[_next++ & 63];

    [Benchmark(Description = "BM25 top 50 (FTS5)")]
    public async Task<int> Bm25() => (await _kb!.KeywordIndex.SearchAsync(NextQuery(), _public, 50, CancellationToken.None)).Count;

    [Benchmark(Description = "hybrid: embed + dense 50 + BM25 50 + RRF + top 5 articles")]
    public async Task<int> Hybrid() =>
        (await _kb!.Retriever.RetrieveAsync(new RetrievalQuery(NextQuery(), _public, 5), CancellationToken.None)).Articles.Count;
}
