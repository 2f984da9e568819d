using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.AI;
using SupportAssist.Embeddings.Acquisition;
using SupportAssist.Embeddings.Model;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Benchmarks;

/// <summary>
/// The local encoder on one core (run under <c>taskset -c 1</c>) and on two: a short query, a batch of 64 sentences
/// (packed and spread over the cores by the embedding generator), a 400-token chunk (the model reads its first
/// 128 tokens), the 214 reference sentences one by one and as one batch (compare with the Node reference,
/// <c>tests/SupportAssist.Embeddings.Tests/Reference/bench.mjs</c>), and loading the model.
/// Needs the model in the default cache (the Embeddings tests or the service fetch it).
/// </summary>
[Config(typeof(EncoderConfig))]
public class EncoderBenchmarks
{
    private UniversalSentenceEncoderLite _encoder = null!;
    private LocalSentenceEncoderGenerator _generator = null!;
    private string _folder = "";
    private string[] _batch = [];
    private string[] _reference = [];
    private string _chunk = "";

    [GlobalSetup]
    public void Setup()
    {
        var cache = new ModelCache(ModelCache.DefaultRoot());
        if (!cache.Contains(ModelPackage.UniversalSentenceEncoderLite))
            throw new InvalidOperationException("The model is not cached: run the Embeddings tests or start the service once.");
        _folder = cache.FolderOf(ModelPackage.UniversalSentenceEncoderLite);
        _encoder = UniversalSentenceEncoderLite.Load(_folder);
        _generator = new LocalSentenceEncoderGenerator(_encoder);
        _reference = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SupportAssist.Embeddings.Tests", "Fixtures", "embedding-inputs.json")))!;
        _batch = _reference.Take(64).ToArray();
        _chunk = string.Join(' ', Enumerable.Repeat("Refunds take five to ten business days to appear on the customer's statement after you issue them.", 22));
    }

    [Benchmark(Description = "short query (5 tokens)")]
    public float[] ShortQuery() => _encoder.Embed("why was my card declined");

    [Benchmark(Description = "batch of 64 sentences")]
    public async Task<int> Batch64() => (await _generator.GenerateAsync(_batch)).Count;

    [Benchmark(Description = "400-token chunk (first 128 read)")]
    public float[] Chunk400() => _encoder.Embed(_chunk);

    [Benchmark(Description = "214 reference sentences, one at a time")]
    public int ReferenceSentences()
    {
        var total = 0;
        foreach (var sentence in _reference) total += _encoder.Embed(sentence).Length;
        return total;
    }

    [Benchmark(Description = "214 reference sentences, one batch (packed, spread over the cores)")]
    public async Task<int> ReferenceSentencesBatch() => (await _generator.GenerateAsync(_reference)).Count;

    [Benchmark(Description = "load the model (weights + vocabulary)")]
    public UniversalSentenceEncoderLite Load() => UniversalSentenceEncoderLite.Load(_folder);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    private sealed class EncoderConfig : ManualConfig
    {
        public EncoderConfig()
        {
            var job = Job.Default.WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(12);
            // One job, in process: run it once as is (both cores) and once under `taskset -c 1` (one core). Out of
            // process, the benchmark child shares the pinned core with the BenchmarkDotNet host, which measured
            // 2-4x slower and far noisier here than in process; BenchmarkDotNet's own affinity setting did the same.
            AddJob(job.WithToolchain(InProcessEmitToolchain.Instance)
                .WithId(Environment.ProcessorCount == 1 ? "1 core" : $"{Environment.ProcessorCount} cores"));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}
