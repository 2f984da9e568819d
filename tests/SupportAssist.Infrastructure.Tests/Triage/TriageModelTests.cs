using SupportAssist.Embeddings.Arctic;
using SupportAssist.Infrastructure.Tests.AI;
using SupportAssist.Infrastructure.Triage;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Tests.Triage;

/// <summary>The triage model trained once on our labelled sample set (evals/datasets/triage), with the local encoder when it is available.</summary>
public sealed class TrainedTriageModel : IAsyncLifetime
{
    public static string Data => Path.Combine(TestPaths.RepositoryRoot, "evals", "datasets", "triage");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "supportassist-triage-" + Guid.NewGuid().ToString("N"));

    public TriageModelMetadata Metadata { get; private set; } = null!;

    public LocalEmbeddingGenerator Embedder { get; } = SharedEncoder.Generator();

    public async Task InitializeAsync() => Metadata = await TriageModel.TrainAsync(Data, Folder, Embedder, TimeProvider.System, CancellationToken.None);

    public Task DisposeAsync()
    {
        Embedder.Dispose();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class TriageModelTests(TrainedTriageModel model) : IClassFixture<TrainedTriageModel>
{
    // Measured 2026-11-25 on the test split (185 tickets: 130 in scope over 26 intents, 55 out of scope) with the
    // ML.NET classifier: accuracy 0.670, macro-F1 0.620, in-scope accuracy 0.600, out-of-scope recall 0.836 and
    // precision 0.648. Training is deterministic (one SDCA thread, fixed seed); the floors leave 0.03 of slack.
    [Fact]
    public void The_ML_NET_classifier_meets_the_committed_floors_on_the_test_split()
    {
        var test = model.Metadata.Classifiers[TriageModel.MlNet].Test;

        Assert.Equal(185, test.Examples);
        Assert.True(test.Accuracy >= 0.64, $"accuracy {test.Accuracy}");
        Assert.True(test.MacroF1 >= 0.59, $"macro-F1 {test.MacroF1}");
        Assert.True(test.InScopeAccuracy >= 0.57, $"in-scope accuracy {test.InScopeAccuracy}");
        Assert.True(test.OutOfScopeRecall >= 0.80, $"out-of-scope recall {test.OutOfScopeRecall}");
        Assert.True(test.OutOfScopePrecision >= 0.61, $"out-of-scope precision {test.OutOfScopePrecision}");
    }

    [Fact]
    public async Task Each_threshold_is_the_one_the_validation_split_chooses()
    {
        var (validation, _) = LabelledTickets.Read(Path.Combine(TrainedTriageModel.Data, "validation.jsonl"));

        foreach (var (name, card) in model.Metadata.Classifiers)
        {
            var classifier = TriageModel.Load(model.Folder, model.Embedder, name, out var note);
            Assert.Null(note);
            var scored = new List<ScoredExample>();
            foreach (var ticket in validation)
            {
                var prediction = await classifier.PredictAsync(SupportAssist.Privacy.PiiRedactor.Redact(ticket.Text).Text, CancellationToken.None);
                scored.Add(new ScoredExample(ticket.Label, prediction.Top.Intent, prediction.Top.Score));
            }
            Assert.Equal(ClassificationMetrics.ChooseThreshold(scored), card.Threshold);
            Assert.Equal(card.Threshold, classifier.OutOfScopeThreshold);
        }
    }

    [Fact]
    public void The_default_classifier_is_the_best_on_validation_and_the_metadata_names_data_and_version()
    {
        static double Objective(ClassifierCard card) => (card.Validation.InScopeAccuracy + card.Validation.OutOfScopeRecall) / 2;
        var chosen = Objective(model.Metadata.Classifiers[model.Metadata.DefaultClassifier]);

        Assert.All(model.Metadata.Classifiers.Values, card => Assert.True(chosen >= Objective(card)));
        Assert.Equal(26, model.Metadata.Labels.Count);
        Assert.DoesNotContain(ClassificationMetrics.OutOfScope, model.Metadata.Labels);
        var data = model.Metadata.Data;
        Assert.Equal("triage-" + TriageModel.Fingerprint(data["train"].Sha256, data["validation"].Sha256, data["test"].Sha256, model.Metadata.Embedder), model.Metadata.Version);
        Assert.Equal(3, model.Metadata.Classifiers.Count);
    }

    [Fact]
    public async Task A_loaded_model_classifies_a_clear_ticket_and_names_its_version()
    {
        var classifier = TriageModel.Load(model.Folder, model.Embedder, TriageModel.MlNet, out _);

        var prediction = await classifier.PredictAsync("Payout never arrived\nOur payout from last Friday is not in our bank account yet.", CancellationToken.None);

        Assert.Equal("payout_missing", prediction.Top.Intent);
        Assert.Equal($"mlnet/{model.Metadata.Version}", classifier.Name);
        Assert.Equal(1.0, prediction.Ranked.Sum(s => s.Score), 3);
    }

    [Fact]
    public void Nearest_neighbours_fall_back_to_ML_NET_when_the_embedder_differs_and_say_why()
    {
        using var other = new LexicalHashingEmbeddingGenerator(512);

        var classifier = TriageModel.Load(model.Folder, other, TriageModel.Ensemble, out var note);

        Assert.StartsWith("mlnet/", classifier.Name, StringComparison.Ordinal);
        Assert.Contains("embedded with", note, StringComparison.Ordinal);
    }
}

public sealed class TriageTrainingEdgeTests
{
    [Fact]
    public async Task Training_without_out_of_scope_validation_tickets_refuses_nothing_and_records_undefined_metrics()
    {
        var data = Directory.CreateTempSubdirectory("supportassist-triage-data-").FullName;
        var folder = Path.Combine(data, "model");
        try
        {
            foreach (var split in new[] { "train", "validation", "test" })
            {
                var lines = File.ReadLines(Path.Combine(TrainedTriageModel.Data, split + ".jsonl")).Where(l => !l.Contains("\"label\": \"oos\"", StringComparison.Ordinal));
                File.WriteAllLines(Path.Combine(data, split + ".jsonl"), lines);
            }

            var metadata = await TriageModel.TrainAsync(data, folder, null, TimeProvider.System, CancellationToken.None);

            var card = metadata.Classifiers[TriageModel.MlNet];
            Assert.Equal(0, card.Threshold);
            Assert.True(double.IsNaN(card.Test.OutOfScopeRecall));
            Assert.True(double.IsNaN(TriageModel.ReadMetadata(folder).Classifiers[TriageModel.MlNet].Test.OutOfScopePrecision));
            Assert.Empty(Directory.GetDirectories(data, "model.staging-*"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

public sealed class LabelledTicketsTests
{
    [Theory]
    [InlineData("{\"text\": \"a\", \"label\": \"b\"}\nnot json", 2, "not valid JSON")]
    [InlineData("{\"text\": \"\", \"label\": \"b\"}", 1, "'text' must be a non-empty string")]
    [InlineData("{\"text\": \"a\"}", 1, "'label' must be a non-empty string")]
    [InlineData("\n\n[1, 2]", 3, "expected a JSON object")]
    [InlineData("{\"text\": \"a\", \"label\": 5}", 1, "'label' must be a non-empty string")]
    public void A_malformed_line_is_refused_with_its_file_and_line(string content, int line, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), $"labelled-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, content);
        try
        {
            var error = Assert.Throws<LabelledDataException>(() => LabelledTickets.Read(path));

            Assert.Contains($"{path}:{line}:", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labelled-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "\n");
        try
        {
            Assert.Contains("no labelled tickets", Assert.Throws<LabelledDataException>(() => LabelledTickets.Read(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class DefaultClassifierTests
{
    private static ClassifierCard Card(double inScope, double oosRecall) =>
        new(0.5, new SplitMetrics(100, 0, 0, inScope, oosRecall, 0), new SplitMetrics(100, 0, 0, 0, 0, 0));

    [Fact]
    public void The_default_is_the_best_mean_of_in_scope_accuracy_and_out_of_scope_recall_on_validation()
    {
        var cards = new Dictionary<string, ClassifierCard> { ["mlnet"] = Card(0.70, 0.80), ["knn"] = Card(0.40, 0.95), ["ensemble"] = Card(0.72, 0.86) };

        Assert.Equal("ensemble", TriageModel.DefaultOf(cards));
    }

    [Fact]
    public void Without_out_of_scope_validation_tickets_in_scope_accuracy_decides_rather_than_a_NaN()
    {
        var cards = new Dictionary<string, ClassifierCard> { ["mlnet"] = Card(0.874, double.NaN), ["knn"] = Card(0.80, double.NaN), ["ensemble"] = Card(0.908, double.NaN) };

        Assert.Equal("ensemble", TriageModel.DefaultOf(cards));
    }

    [Fact]
    public void A_tie_keeps_the_earlier_classifier()
    {
        var cards = new Dictionary<string, ClassifierCard> { ["mlnet"] = Card(0.7, 0.8), ["ensemble"] = Card(0.8, 0.7) };

        Assert.Equal("mlnet", TriageModel.DefaultOf(cards));
    }
}
