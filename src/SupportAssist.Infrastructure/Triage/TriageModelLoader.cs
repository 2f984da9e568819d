using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Knowledge;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>The classifier the service loaded at start-up, or, until one is loaded, an explanation.</summary>
public sealed class LoadedIntentClassifier : IIntentClassifier
{
    private volatile IIntentClassifier? _loaded;

    /// <summary>Why triage is unavailable, when it is.</summary>
    public string Unavailable { get; internal set; } = "the triage model is still loading";

    public string Name => _loaded?.Name ?? "none";

    public double OutOfScopeThreshold => (_loaded ?? throw new TriageUnavailableException(Unavailable)).OutOfScopeThreshold;

    public Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken) =>
        (_loaded ?? throw new TriageUnavailableException(Unavailable)).PredictAsync(text, cancellationToken);

    internal void Set(IIntentClassifier classifier) => _loaded = classifier;
}

/// <summary>
/// Loads the triage model before the service takes requests, training it first from the labelled data when it
/// is missing or was trained on other data. Hosts in one process share the lock, so tests and a service that
/// start together train once.
/// </summary>
public sealed partial class TriageModelLoader(
    LoadedIntentClassifier classifier, IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<TriageOptions> options, IHostEnvironment environment,
    TimeProvider clock, ILogger<TriageModelLoader> logger, IServiceProvider services) : IHostedService
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var folder = Path.GetFullPath(settings.ModelFolder, environment.ContentRootPath);
        var data = string.IsNullOrWhiteSpace(settings.TrainingData) ? null : Path.GetFullPath(settings.TrainingData, environment.ContentRootPath);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (data is not null && File.Exists(Path.Combine(data, "train.jsonl")) && NeedsTraining(folder, data))
            {
                LogTraining(logger, data, folder);
                var metadata = await TriageModel.TrainAsync(data, folder, embedder, clock, cancellationToken);
                LogTrained(logger, metadata.Version, metadata.TrainingSeconds);
            }
            if (!TriageModel.Exists(folder))
            {
                classifier.Unavailable = $"no triage model in '{folder}': train one with 'dotnet run --project src/SupportAssist.Evals -- train --data evals/datasets/triage --out {folder}'";
                LogUnavailable(logger, classifier.Unavailable);
                return;
            }
            var useLlm = settings.Classifier == TriageOptions.Llm;
            var loaded = TriageModel.Load(folder, embedder, string.IsNullOrEmpty(settings.Classifier) || useLlm ? null : settings.Classifier, out var note);
            if (note is not null) LogNote(logger, note);
            if (useLlm)
            {
                var prompts = services.GetRequiredService<IReadOnlyDictionary<string, PromptDefinition>>();
                loaded = new LlmIntentClassifier(services.GetRequiredService<LanguageModel>(), prompts["triage-intent"], loaded,
                    services.GetRequiredService<TriageRuleSet>(), services.GetRequiredService<IOptions<LlmOptions>>().Value);
            }
            classifier.Set(loaded);
            LogLoaded(logger, loaded.Name, loaded.OutOfScopeThreshold);
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Stale when any of the three files or the embedder changed: the version fingerprints all four.
    private bool NeedsTraining(string folder, string data)
    {
        if (!TriageModel.Exists(folder)) return true;
        string Hash(string split) => LabelledTickets.Read(Path.Combine(data, split + ".jsonl")).Sha256;
        var expected = "triage-" + TriageModel.Fingerprint(Hash("train"), Hash("validation"), Hash("test"), EmbedderIdentity.Of(embedder));
        return TriageModel.ReadMetadata(folder).Version != expected;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training the triage model from {DataFolder} into {ModelFolder}")]
    private static partial void LogTraining(ILogger logger, string dataFolder, string modelFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained triage model {Version} in {Seconds} s")]
    private static partial void LogTrained(ILogger logger, string version, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded triage classifier {Classifier} (out-of-scope threshold {Threshold})")]
    private static partial void LogLoaded(ILogger logger, string classifier, double threshold);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triage model: {Note}")]
    private static partial void LogNote(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triage is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
