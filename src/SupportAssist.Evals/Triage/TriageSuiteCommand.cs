using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Infrastructure.Triage;
using SupportAssist.Triage;

namespace SupportAssist.Evals.Triage;

/// <summary>
/// <c>triage --data DIR</c>: trains on the train split, chooses thresholds on validation, and reports on test:
/// accuracy, macro-F1, in-scope accuracy, out-of-scope recall and precision per classifier; per-class precision
/// and recall, the commonest confusions and a threshold sweep for the default classifier.
/// </summary>
internal static class TriageSuiteCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with train.jsonl, validation.jsonl and test.jsonl ({\"text\",\"label\"}; 'oos' for out of scope)", Required = true };
        var suite = new SuiteOptions();
        var command = new Command("triage", "Triage classification quality with out-of-scope detection") { data };
        suite.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "supportassist-triage-eval-" + Guid.NewGuid().ToString("N"));
            try
            {
                await using var host = await EvalHost.StartAsync(null, cancellationToken);
                var embedder = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
                var dataFolder = parse.GetValue(data)!.FullName;
                var metadata = await TriageModel.TrainAsync(dataFolder, folder, embedder, TimeProvider.System, cancellationToken);
                var classifier = TriageModel.Load(folder, embedder, metadata.DefaultClassifier, out _);
                var (test, _) = LabelledTickets.Read(Path.Combine(dataFolder, "test.jsonl"));
                var scored = new List<ScoredExample>();
                var languages = new List<string>();
                foreach (var ticket in test)
                {
                    var prediction = await classifier.PredictAsync(Privacy.PiiRedactor.Redact(ticket.Text).Text, cancellationToken);
                    scored.Add(new ScoredExample(ticket.Label, prediction.Top.Intent, prediction.Top.Score));
                    languages.Add(Text.LanguageGuess.Of(ticket.Text).Code);
                }
                var report = ClassificationMetrics.Evaluate(scored, classifier.OutOfScopeThreshold);
                Print(metadata, report, scored);
                // One SHA-256 for the dataset: of the three files' own hashes, in split order.
                var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(
                    string.Join("|", Splits.Select(s => metadata.Data[s].Sha256)))));
                // Per language (of the ticket's words), the default classifier on the test split.
                var byLanguage = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var language in Languages)
                {
                    var slice = scored.Where((_, i) => languages[i] == language).ToList();
                    if (slice.Count == 0) continue;
                    var r = ClassificationMetrics.Evaluate(slice, classifier.OutOfScopeThreshold);
                    byLanguage[$"{metadata.DefaultClassifier}.test.{language}.accuracy"] = Math.Round(r.Accuracy, 4);
                    byLanguage[$"{metadata.DefaultClassifier}.test.{language}.tickets.count"] = slice.Count;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language}: {slice.Count} test tickets, accuracy {r.Accuracy:0.000}"));
                }
                return suite.Finish(parse, ToResult(metadata, report, dataFolder, hash, byLanguage), Charts(metadata, scored, classifier.OutOfScopeThreshold), Notes(metadata, report));
            }
            catch (LabelledDataException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
            catch (DatasetException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    private static readonly string[] Splits = ["train", "validation", "test"];

    private static readonly string[] Languages = ["en", "es"];

    private static readonly double[] Sweep = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    private static void Print(TriageModelMetadata metadata, ClassificationReport report, IReadOnlyList<ScoredExample> scored)
    {
        Console.WriteLine("classifier  threshold  split       accuracy  macro-F1  in-scope  oos recall  oos precision");
        foreach (var (name, card) in metadata.Classifiers)
        {
            foreach (var (split, m) in new[] { ("validation", card.Validation), ("test", card.Test) })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-11} {card.Threshold,9:0.000}  {split,-10} {m.Accuracy,9:0.000} {m.MacroF1,9:0.000} {m.InScopeAccuracy,9:0.000} {m.OutOfScopeRecall,11:0.000} {m.OutOfScopePrecision,14:0.000}"));
        }
        Console.WriteLine($"\nDefault classifier {metadata.DefaultClassifier} on test, commonest confusions (gold -> predicted):");
        foreach (var (gold, predicted, count) in report.Confusions.Take(8)) Console.WriteLine($"  {gold} -> {predicted}: {count}");
        Console.WriteLine("\nThreshold sweep (test): threshold, in-scope accuracy, oos recall");
        foreach (var t in Sweep)
        {
            var r = ClassificationMetrics.Evaluate(scored, t);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t:0.0}  {r.InScopeAccuracy:0.000}  {r.OutOfScopeRecall:0.000}"));
        }
    }

    private static SuiteResult ToResult(TriageModelMetadata metadata, ClassificationReport report, string path, string hash, Dictionary<string, double> byLanguage)
    {
        var metrics = new Dictionary<string, double>(byLanguage, StringComparer.Ordinal);
        foreach (var (name, card) in metadata.Classifiers)
        {
            foreach (var (split, m) in new[] { ("validation", card.Validation), ("test", card.Test) })
            {
                metrics[$"{name}.{split}.accuracy"] = m.Accuracy;
                metrics[$"{name}.{split}.macro_f1"] = m.MacroF1;
                metrics[$"{name}.{split}.in_scope_accuracy"] = m.InScopeAccuracy;
                metrics[$"{name}.{split}.oos_recall"] = m.OutOfScopeRecall;
                metrics[$"{name}.{split}.oos_precision"] = m.OutOfScopePrecision;
            }
        }
        foreach (var c in report.PerClass)
        {
            metrics[$"{metadata.DefaultClassifier}.test.class.{c.Label}.precision"] = Math.Round(c.Precision, 4);
            metrics[$"{metadata.DefaultClassifier}.test.class.{c.Label}.recall"] = Math.Round(c.Recall, 4);
        }
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model_version"] = metadata.Version,
            ["default_classifier"] = metadata.DefaultClassifier,
            ["embedder"] = metadata.Embedder ?? "none",
            ["thresholds"] = string.Join(", ", metadata.Classifiers.Select(c => $"{c.Key}={c.Value.Threshold.ToString(CultureInfo.InvariantCulture)}")),
            ["training_seconds"] = metadata.TrainingSeconds.ToString(CultureInfo.InvariantCulture),
        };
        return new SuiteResult("triage", DateTimeOffset.UtcNow, new DatasetInfo(path, hash), configuration, SuiteResult.CurrentVersions(), metrics);
    }

    private static IReadOnlyList<Chart> Charts(TriageModelMetadata metadata, IReadOnlyList<ScoredExample> scored, double threshold) =>
    [
        Confusion(scored, threshold),
        new BarChart("Test split per classifier", ["accuracy", "macro-F1", "in-scope acc.", "oos recall", "oos precision"],
            metadata.Classifiers.ToDictionary(c => c.Key, c => (IReadOnlyList<double>)[c.Value.Test.Accuracy, c.Value.Test.MacroF1, c.Value.Test.InScopeAccuracy, c.Value.Test.OutOfScopeRecall, c.Value.Test.OutOfScopePrecision])),
        new BarChart("Threshold sweep, default classifier (test)", Sweep.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)).ToList(),
            new Dictionary<string, IReadOnlyList<double>>
            {
                ["in-scope accuracy"] = Sweep.Select(t => ClassificationMetrics.Evaluate(scored, t).InScopeAccuracy).ToList(),
                ["oos recall"] = Sweep.Select(t => ClassificationMetrics.Evaluate(scored, t).OutOfScopeRecall).ToList(),
            }),
    ];

    private static HeatMap Confusion(IReadOnlyList<ScoredExample> scored, double threshold)
    {
        var pairs = scored.Select(e => (e.Gold, Predicted: ClassificationMetrics.Predicted(e, threshold))).ToList();
        var labels = pairs.SelectMany(p => new[] { p.Gold, p.Predicted }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var counts = labels.Select(_ => new int[labels.Count]).ToArray();
        foreach (var (gold, predicted) in pairs) counts[index[gold]][index[predicted]]++;
        return new HeatMap("Confusion, default classifier (test)", labels, counts);
    }

    private static List<string> Notes(TriageModelMetadata metadata, ClassificationReport report) =>
    [
        $"model {metadata.Version}, trained in {metadata.TrainingSeconds.ToString(CultureInfo.InvariantCulture)} s; default classifier {metadata.DefaultClassifier} (best on validation)",
        "commonest confusions: " + string.Join("; ", report.Confusions.Take(5).Select(c => $"{c.Gold} -> {c.Predicted} ({c.Count})")),
    ];
}
