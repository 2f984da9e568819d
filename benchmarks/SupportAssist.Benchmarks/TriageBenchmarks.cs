using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Embeddings.Arctic;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Triage;
using SupportAssist.Outcomes;
using SupportAssist.Triage;

namespace SupportAssist.Benchmarks;

/// <summary>
/// Training the triage model on evals/datasets/triage (676 training tickets, 165 validation, 185 test): ML.NET
/// alone, and with the nearest-neighbour classifier over the local encoder (which embeds every ticket).
/// Each operation trains, chooses thresholds, measures both splits and writes the model folder.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class TriageTrainingBenchmarks
{
    private string _data = "";
    private string _folder = "";
    private ArcticEmbedXs _encoder = null!;
    private LocalEmbeddingGenerator _embedder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = Path.Combine(TriagePredictionBenchmarks.RepositoryRoot(), "evals", "datasets", "triage");
        _folder = Directory.CreateTempSubdirectory("supportassist-triage-train-").FullName;
        _encoder = ArcticEmbedXs.Load();
        _embedder = new LocalEmbeddingGenerator(_encoder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "train: ML.NET only")]
    public Task<TriageModelMetadata> TrainMlNet() => TriageModel.TrainAsync(_data, Path.Combine(_folder, "mlnet"), null, TimeProvider.System, CancellationToken.None);

    [Benchmark(Description = "train: ML.NET + nearest neighbours (local encoder) + ensemble")]
    public Task<TriageModelMetadata> TrainAll() => TriageModel.TrainAsync(_data, Path.Combine(_folder, "all"), _embedder, TimeProvider.System, CancellationToken.None);
}

/// <summary>
/// One ticket classified: the ML.NET classifier alone, and the whole triage (redaction, classifier, language,
/// sentiment, priority and routing rules) as <c>POST /v1/triage</c> runs it, without the outcome write.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TriagePredictionBenchmarks
{
    private const string Ticket = "Payout never arrived\nOur payout from last Friday is still not in our bank account and the dashboard says paid. Can you check?";
    private IIntentClassifier _classifier = null!;
    private TriageService _service = null!;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("supportassist-triage-predict-").FullName;
        var root = RepositoryRoot();
        TriageModel.TrainAsync(Path.Combine(root, "evals", "datasets", "triage"), _folder, null, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
        _classifier = TriageModel.Load(_folder, null, TriageModel.MlNet, out _);
        var rules = TriageRulesFile.Load(Path.Combine(root, "src", "SupportAssist.Api", "triage-rules.json"));
        _service = new TriageService(_classifier, rules, new DiscardedOutcomes(), TimeProvider.System, NullLogger<TriageService>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "ML.NET classifier, one ticket")]
    public async Task<string> Classify() => (await _classifier.PredictAsync(Ticket, CancellationToken.None)).Top.Intent;

    [Benchmark(Description = "TriageService.ClassifyAsync, one ticket")]
    public async Task<Priority> Triage() =>
        (await _service.ClassifyAsync(new TriageRequest("Payout never arrived", Ticket, "email", "premium", "DE", null), CancellationToken.None)).Result.Priority;

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    private sealed class DiscardedOutcomes : IOutcomeLog
    {
        public Task RecordAsync(Outcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken) =>
            Task.FromResult(new FeedbackResult(FeedbackStatus.UnknownOutcome));

        public Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult<Outcome?>(null);

        public Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FeedbackEvent>>([]);

        // Nothing is kept, so nothing is read back.
        public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(Outcome, IReadOnlyList<FeedbackEvent>)>>([]);
    }
}
