using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// Loads the triage model in the background once the host listens, reporting to the
/// <see cref="StartupReadiness.TriageModel"/> component. The model is an artefact the eval CLI's <c>train</c> builds
/// into <see cref="TriageOptions.ModelFolder"/>; with <see cref="TriageOptions.TrainOnStart"/> (the embedded default)
/// it is trained here first when it is missing or was trained on other data.
/// </summary>
public sealed partial class TriageModelLoader(
    LoadedIntentClassifier classifier, IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<TriageOptions> options, IHostEnvironment environment,
    TimeProvider clock, StartupReadiness readiness, LlmTriageClassifierFactory llm, ILogger<TriageModelLoader> logger) : BackgroundService
{
    /// <summary>The command that builds the model (from the repository root) into <paramref name="folder"/>.</summary>
    public static string TrainCommand(string folder) => $"dotnet run --project src/SupportAssist.Evals -- train --data evals/datasets/triage --out {folder}";

    private readonly ReadinessComponent _model = readiness[StartupReadiness.TriageModel];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The host stops on it (as a failed start did); readiness says so meanwhile, the log says why.
            LogLoadFailed(logger, ex);
            _model.MarkUnavailable("the triage model could not be loaded: see the service log");
            throw;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var folder = Path.GetFullPath(settings.ModelFolder, environment.ContentRootPath);
        var data = string.IsNullOrWhiteSpace(settings.TrainingData) ? null : Path.GetFullPath(settings.TrainingData, environment.ContentRootPath);
        var canTrain = settings.TrainOnStart && data is not null && File.Exists(Path.Combine(data, "train.jsonl"));
        if (canTrain && NeedsTraining(folder, data!))
        {
            LogTraining(logger, data!, folder);
            _model.Report($"training from {data} into {folder}");
            var metadata = await TriageModel.TrainAsync(data!, folder, embedder, clock, cancellationToken);
            LogTrained(logger, metadata.Version, metadata.TrainingSeconds);
        }
        if (!TriageModel.Exists(folder))
        {
            var why = !settings.TrainOnStart ? $"{TriageOptions.Section}:TrainOnStart is false"
                : data is null ? $"{TriageOptions.Section}:TrainingData is empty"
                : $"there is no labelled data at '{data}'";
            var reason = $"no triage model in '{folder}' and {why}: build it with '{TrainCommand(folder)}'";
            LogUnavailable(logger, reason);
            _model.MarkUnavailable(reason);
            return;
        }
        _model.Report($"loading {folder}");
        var useLlm = settings.Classifier == TriageOptions.Llm;
        var loaded = TriageModel.Load(folder, embedder, string.IsNullOrEmpty(settings.Classifier) || useLlm ? null : settings.Classifier, out var note);
        if (note is not null) LogNote(logger, note);
        if (useLlm) loaded = llm(loaded);
        classifier.Set(loaded);
        LogLoaded(logger, loaded.Name, loaded.OutOfScopeThreshold);
        _model.MarkReady($"loaded {loaded.Name} from {folder}", degraded: note is not null);
    }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "The triage model could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);
}
