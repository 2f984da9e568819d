namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// <c>triage-model.json</c>, beside the model files: the version, the labels, each classifier's threshold and
/// metrics, the embedder the nearest-neighbour examples were embedded with, and the data.
/// </summary>
public sealed record TriageModelMetadata(
    string Version,
    DateTimeOffset CreatedAt,
    string DefaultClassifier,
    IReadOnlyList<string> Labels,
    IReadOnlyDictionary<string, ClassifierCard> Classifiers,
    string? Embedder,
    IReadOnlyDictionary<string, DataFile> Data,
    double TrainingSeconds);
