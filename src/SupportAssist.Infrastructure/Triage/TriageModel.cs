using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAssist.Knowledge;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// Trains, saves and loads the triage model: an ML.NET classifier always, a nearest-neighbour classifier when an
/// embedder is given, and their ensemble. Each one's out-of-scope threshold is chosen on the validation split
/// (<see cref="ClassificationMetrics.ChooseThreshold"/>) and its metrics measured on the test split; the one that
/// does best on validation is the model's default.
/// </summary>
public static class TriageModel
{
    public const string MlNet = "mlnet";
    public const string NearestNeighbours = "knn";
    public const string Ensemble = "ensemble";
    public const string MetadataFile = "triage-model.json";
    private const string MlNetFile = "mlnet.zip";
    private const string ExamplesFile = "knn-examples.bin";

    // NaN is a legitimate metric (out-of-scope recall without out-of-scope tickets), so it is written as "NaN".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Trains on <c>train.jsonl</c>, chooses thresholds on <c>validation.jsonl</c>, measures on <c>test.jsonl</c>
    /// (all in <paramref name="dataFolder"/>), and writes the model to <paramref name="outFolder"/>, replacing it whole.
    /// </summary>
    public static async Task<TriageModelMetadata> TrainAsync(
        string dataFolder, string outFolder, IEmbeddingGenerator<string, Embedding<float>>? embedder, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var started = Stopwatch.GetTimestamp();
        var (train, trainHash) = LabelledTickets.Read(Path.Combine(dataFolder, "train.jsonl"));
        var (validation, validationHash) = LabelledTickets.Read(Path.Combine(dataFolder, "validation.jsonl"));
        var (test, testHash) = LabelledTickets.Read(Path.Combine(dataFolder, "test.jsonl"));
        var inScope = train.Where(t => t.Label != ClassificationMetrics.OutOfScope).Select(Redacted).ToList();
        var labels = inScope.Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var unknown = validation.Concat(test).Select(t => t.Label).Where(l => l != ClassificationMetrics.OutOfScope && !labels.Contains(l)).Distinct().ToList();
        if (unknown.Count > 0) throw new LabelledDataException($"{dataFolder}: validation or test use labels the training split does not have: {string.Join(", ", unknown)}");

        var scorers = new Dictionary<string, IIntentScorer>(StringComparer.Ordinal) { [MlNet] = MlNetIntentScorer.Train(inScope) };
        NearestNeighbourIntentScorer? neighbours = null;
        if (embedder is not null)
        {
            neighbours = await NearestNeighbourIntentScorer.BuildAsync(embedder, inScope, cancellationToken);
            scorers[NearestNeighbours] = neighbours;
            scorers[Ensemble] = new EnsembleIntentScorer(scorers[MlNet], neighbours);
        }

        var cards = new Dictionary<string, ClassifierCard>(StringComparer.Ordinal);
        foreach (var (name, scorer) in scorers)
        {
            var onValidation = await ScoreAsync(scorer, validation, cancellationToken);
            var threshold = ClassificationMetrics.ChooseThreshold(onValidation);
            var onTest = await ScoreAsync(scorer, test, cancellationToken);
            cards[name] = new ClassifierCard(threshold,
                SplitMetrics.Of(ClassificationMetrics.Evaluate(onValidation, threshold)), SplitMetrics.Of(ClassificationMetrics.Evaluate(onTest, threshold)));
        }

        var metadata = new TriageModelMetadata(
            $"triage-{Fingerprint(trainHash, validationHash, testHash, embedder is null ? null : EmbedderIdentity.Of(embedder))}",
            clock.GetUtcNow(),
            // The default is the classifier that does best on validation (mean of in-scope accuracy and
            // out-of-scope recall, the objective its threshold was chosen for), not a fixed preference.
            DefaultOf(cards),
            labels,
            cards,
            embedder is null ? null : EmbedderIdentity.Of(embedder),
            new Dictionary<string, DataFile>(StringComparer.Ordinal)
            {
                ["train"] = new(Path.GetFullPath(Path.Combine(dataFolder, "train.jsonl")), train.Count, trainHash),
                ["validation"] = new(Path.GetFullPath(Path.Combine(dataFolder, "validation.jsonl")), validation.Count, validationHash),
                ["test"] = new(Path.GetFullPath(Path.Combine(dataFolder, "test.jsonl")), test.Count, testHash),
            },
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2));
        Save(outFolder, metadata, (MlNetIntentScorer)scorers[MlNet], neighbours);
        return metadata;
    }

    /// <summary>
    /// The classifier with the best validation objective: the mean of in-scope accuracy and out-of-scope recall, or
    /// in-scope accuracy alone when validation has no out-of-scope ticket (recall is then undefined, NaN, and a NaN
    /// must not decide: compared, it loses to everything and wins nothing, so the first classifier was served).
    /// Ties go to the earlier classifier (ML.NET, then nearest neighbours, then the ensemble).
    /// </summary>
    public static string DefaultOf(IReadOnlyDictionary<string, ClassifierCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        static double Objective(SplitMetrics m) => double.IsNaN(m.OutOfScopeRecall) ? m.InScopeAccuracy : (m.InScopeAccuracy + m.OutOfScopeRecall) / 2;
        var best = cards.First();
        foreach (var card in cards.Skip(1))
            if (Objective(card.Value.Validation) > Objective(best.Value.Validation)) best = card;
        return best.Key;
    }

    /// <summary>The scores of <paramref name="scorer"/> on labelled <paramref name="tickets"/> (redacted first, as in the service).</summary>
    public static async Task<IReadOnlyList<ScoredExample>> ScoreAsync(IIntentScorer scorer, IReadOnlyList<LabelledTicket> tickets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(tickets);
        var predictions = await scorer.ScoreAsync(tickets.Select(t => Redacted(t).Text).ToList(), cancellationToken);
        return tickets.Zip(predictions, (t, p) => new ScoredExample(t.Label, p.Top.Intent, p.Top.Score)).ToList();
    }

    /// <summary>The model version's fingerprint: the three data files and the embedder, so a change to any gives a new version.</summary>
    public static string Fingerprint(string trainSha256, string validationSha256, string testSha256, string? embedder) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{trainSha256}|{validationSha256}|{testSha256}|{embedder}")))[..12];

    /// <summary>Whether <paramref name="folder"/> holds a model.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, MetadataFile)) && File.Exists(Path.Combine(folder, MlNetFile));

    /// <summary>The model's metadata.</summary>
    public static TriageModelMetadata ReadMetadata(string folder) =>
        JsonSerializer.Deserialize<TriageModelMetadata>(File.ReadAllText(Path.Combine(folder, MetadataFile)), Json)
        ?? throw new InvalidDataException($"{folder}/{MetadataFile} is empty");

    /// <summary>
    /// Loads the classifier named <paramref name="preferred"/> (or the model's default). The nearest-neighbour
    /// classifiers need <paramref name="embedder"/> to be the one the examples were embedded with; otherwise the
    /// ML.NET classifier is loaded and <paramref name="note"/> says why.
    /// </summary>
    public static IIntentClassifier Load(string folder, IEmbeddingGenerator<string, Embedding<float>>? embedder, string? preferred, out string? note)
    {
        var metadata = ReadMetadata(folder);
        var name = preferred ?? metadata.DefaultClassifier;
        if (!metadata.Classifiers.ContainsKey(name)) throw new InvalidDataException($"{folder}: the model has no '{name}' classifier (it has {string.Join(", ", metadata.Classifiers.Keys)})");
        note = null;
        var mlnet = MlNetIntentScorer.Load(Path.Combine(folder, MlNetFile));
        if (name != MlNet)
        {
            var configured = embedder is null ? null : EmbedderIdentity.Of(embedder);
            if (configured is null || configured != metadata.Embedder)
            {
                note = $"the model's examples were embedded with '{metadata.Embedder}' but the configured embedder is '{configured ?? "none"}'; using the ML.NET classifier";
                name = MlNet;
            }
        }
        IIntentScorer scorer = name switch
        {
            MlNet => mlnet,
            NearestNeighbours => new FallbackIntentScorer(ReadExamples(folder, embedder!, metadata.Labels), mlnet, metadata.Classifiers[MlNet].Threshold),
            _ => new FallbackIntentScorer(new EnsembleIntentScorer(mlnet, ReadExamples(folder, embedder!, metadata.Labels)), mlnet, metadata.Classifiers[MlNet].Threshold),
        };
        return new TrainedIntentClassifier($"{name}/{metadata.Version}", scorer, metadata.Classifiers[name].Threshold);
    }

    private static LabelledTicket Redacted(LabelledTicket ticket) => ticket with { Text = Privacy.PiiRedactor.Redact(ticket.Text).Text };

    // Written to a sibling folder first and moved into place, so a reader never sees half a model.
    private static void Save(string folder, TriageModelMetadata metadata, MlNetIntentScorer mlnet, NearestNeighbourIntentScorer? neighbours)
    {
        var full = Path.GetFullPath(folder);
        var staging = full + ".staging-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        try
        {
            Directory.CreateDirectory(staging);
            mlnet.Save(Path.Combine(staging, MlNetFile));
            if (neighbours is not null) WriteExamples(Path.Combine(staging, ExamplesFile), neighbours.Examples);
            File.WriteAllText(Path.Combine(staging, MetadataFile), JsonSerializer.Serialize(metadata, Json));
            if (Directory.Exists(full))
            {
                var old = full + ".old-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
                Directory.Move(full, old);
                Directory.Move(staging, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                Directory.Move(staging, full);
            }
        }
        catch (IOException) when (Exists(full))
        {
            // Another trainer (a second replica on a shared volume) put a complete model in place first: keep it.
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteExamples(string path, (int[] Labels, float[][] Vectors) examples)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(examples.Vectors.Length);
        writer.Write(examples.Vectors.Length == 0 ? 0 : examples.Vectors[0].Length);
        for (var i = 0; i < examples.Vectors.Length; i++)
        {
            writer.Write(examples.Labels[i]);
            foreach (var value in examples.Vectors[i]) writer.Write(value);
        }
    }

    private static NearestNeighbourIntentScorer ReadExamples(string folder, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> labels)
    {
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(folder, ExamplesFile)));
        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        var exampleLabels = new int[count];
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            exampleLabels[i] = reader.ReadInt32();
            vectors[i] = new float[dimensions];
            for (var d = 0; d < dimensions; d++) vectors[i][d] = reader.ReadSingle();
        }
        return new NearestNeighbourIntentScorer(embedder, labels, exampleLabels, vectors);
    }
}
