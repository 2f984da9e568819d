using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using SupportAssist.Deflection;
using SupportAssist.Evals.HelpCenters;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Evaluation;
using SupportAssist.Infrastructure.Policy;
using SupportAssist.Policy;

namespace SupportAssist.Evals.Deflection;

/// <summary>
/// <c>deflection --data FILE</c>: every question through the service's <see cref="DeflectionService"/> on a help
/// center, composing an answer whenever one can be composed and recording the answerability model's probability;
/// the policy's thresholds are then applied to those probabilities. The headline figures are on the held-out test
/// split (the answerability model is trained on the other questions): coverage and accuracy at the configured
/// target precision, coverage at precision 0.90 and 0.95, expected calibration error, per language; the whole set
/// is reported beside them. Routing to a person (rules, not trained) is measured on every question.
/// </summary>
internal static class DeflectionSuiteCommand
{
    // The languages of our eval sets; English is the encoder's, Spanish rests on BM25 and the fusion.
    private static readonly string[] Languages = ["en", "es"];

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "JSONL: question, expected_articles (null when unanswerable), must_go_to_human, locale", Required = true };
        var helpCenter = HelpCenter.Option();
        var suite = new SuiteOptions();
        var command = new Command("deflection", "Deflection: coverage and accuracy at the target precision, calibration, abstention, routing to a person") { data, helpCenter };
        suite.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var path = parse.GetValue(data)!.FullName;
                var questions = DeflectionRun.Read(path);
                var configured = EvalHost.BaseConfiguration();
                var options = new DeflectionOptions();
                configured.GetSection(DeflectionOptions.Section).Bind(options);
                var model = AnswerabilityModelFile.Read(Path.GetFullPath(options.PolicyModelPath, Path.Combine(EvalHost.RepositoryRoot(), "src", "SupportAssist.Api")));
                var threshold = options.AnswerThreshold ?? model.ThresholdFor(options.TargetAnswerPrecision);
                var (center, cases, _) = await DeflectionRun.RunAsync(questions, parse.GetValue(helpCenter), new Dictionary<string, string?>(), cancellationToken);

                var test = cases.Where(c => c.Question.Test).ToList();
                foreach (var c in test)
                {
                    if (c.Question.Expected == ExpectedOutcome.Human && !c.WentToPerson) Console.WriteLine($"  not handed over: {c.Question.Question}");
                    else if (c.Question.Expected != ExpectedOutcome.Human && c.WentToPerson) Console.WriteLine($"  handed over, did not need to be: {c.Question.Question}");
                    else if (c.Composed && c.Probability >= threshold && !c.Correct) Console.WriteLine($"  answered, should not have: {c.Question.Question}");
                }
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                void Add(string name, double value) => metrics[name] = Math.Round(value, 4);
                Slice("test", test, threshold, model, Add);
                Slice("all", cases, threshold, model, Add);
                foreach (var language in Languages)
                {
                    var inLanguage = cases.Where(c => c.Question.Language == language).ToList();
                    var at = DeflectionMetrics.At(inLanguage.Select(c => c.ToCase()).ToList(), threshold);
                    Add($"{language}.coverage", at.Coverage);
                    Add($"{language}.accuracy", at.Accuracy);
                    Add($"{language}.suggestion_hit_rate", DeflectionMetrics.SuggestionHitRate(inLanguage.Select(c => c.ToCase()).ToList()));
                    Add($"{language}.questions.count", inLanguage.Count);
                }
                var all = cases.Select(c => c.ToCase()).ToList();
                Add("human_routing_recall", DeflectionMetrics.HumanRoutingRecall(all));
                Add("false_handoff_rate", cases.Where(c => c.Question.Expected != ExpectedOutcome.Human).Count(c => c.WentToPerson) / (double)Math.Max(1, cases.Count(c => c.Question.Expected != ExpectedOutcome.Human)));
                Add("suggestion_hit_rate", DeflectionMetrics.SuggestionHitRate(all));
                Print(metrics, threshold, options.TargetAnswerPrecision);

                var scored = Scored(test);
                var grid = Enumerable.Range(0, 20).Select(i => i / 20.0).ToList();
                var testCases = test.Select(c => c.ToCase()).ToList();
                var reliability = Calibration.Reliability(scored);
                BarChart[] charts =
                [
                    new("Test split: coverage and accuracy over the answer threshold (probability)", grid.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)).ToList(),
                        new Dictionary<string, IReadOnlyList<double>>
                        {
                            ["coverage"] = grid.Select(t => DeflectionMetrics.At(testCases, t).Coverage).ToList(),
                            ["accuracy"] = grid.Select(t => DeflectionMetrics.At(testCases, t).Accuracy).ToList(),
                        }),
                    new("Test split: reliability (mean probability against the share of answers right, per probability bin)",
                        reliability.Select(r => $"{r.Confidence:0.00} ({r.Count})").ToList(),
                        new Dictionary<string, IReadOnlyList<double>> { ["probability"] = reliability.Select(r => r.Confidence).ToList(), ["right"] = reliability.Select(r => r.Accuracy).ToList() }),
                ];
                var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["policy_model"] = model.Version,
                    ["target_answer_precision"] = options.TargetAnswerPrecision.ToString(CultureInfo.InvariantCulture),
                    ["answer_threshold"] = threshold.ToString("0.####", CultureInfo.InvariantCulture),
                    ["llm_provider"] = configured["SupportAssist:Llm:Provider"] ?? "extractive",
                    ["help_center"] = Path.GetFileName(center.Path.TrimEnd(Path.DirectorySeparatorChar)),
                    ["test_questions"] = test.Count.ToString(CultureInfo.InvariantCulture),
                };
                var result = new SuiteResult("deflection", DateTimeOffset.UtcNow, DatasetInfo.Of(path), configuration, SuiteResult.CurrentVersions(), metrics);
                return suite.Finish(parse, result, charts,
                [
                    $"{cases.Count} questions ({test.Count} in the held-out test split): {cases.Count(c => c.Question.Expected == ExpectedOutcome.Answerable)} answerable, {cases.Count(c => c.Question.Expected == ExpectedOutcome.Unanswerable)} unanswerable, {cases.Count(c => c.Question.Expected == ExpectedOutcome.Human)} for a person",
                    $"answer threshold {threshold.ToString("0.###", CultureInfo.InvariantCulture)}: the probability at which {model.Version}'s cross-validated answers reached precision {options.TargetAnswerPrecision.ToString(CultureInfo.InvariantCulture)}",
                ]);
            }
            catch (Exception error) when (error is DatasetException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
        });
        return command;
    }

    // The threshold-dependent figures of one split at the configured threshold and at the thresholds of precision 0.90 and 0.95.
    private static void Slice(string name, IReadOnlyList<DeflectionRunCase> cases, double threshold, AnswerabilityModel model, Action<string, double> add)
    {
        var shared = cases.Select(c => c.ToCase()).ToList();
        var at = DeflectionMetrics.At(shared, threshold);
        add($"{name}.coverage", at.Coverage);
        add($"{name}.accuracy", at.Accuracy);
        add($"{name}.correct_deflection_rate", at.CorrectDeflectionRate);
        add($"{name}.false_deflection_rate", at.FalseDeflectionRate);
        add($"{name}.abstention_precision", at.AbstentionPrecision);
        add($"{name}.abstention_recall", at.AbstentionRecall);
        foreach (var (target, label) in new[] { (0.90, "p90"), (0.95, "p95") })
        {
            var point = DeflectionMetrics.At(shared, model.ThresholdFor(target));
            add($"{name}.coverage_at_{label}", point.Coverage);
            add($"{name}.accuracy_at_{label}", point.Accuracy);
        }
        add($"{name}.ece", Calibration.ExpectedCalibrationError(Scored(cases)));
    }

    // What the model said against what happened, for every question it scored.
    private static List<ScoredAnswer> Scored(IEnumerable<DeflectionRunCase> cases) =>
        cases.Where(c => c.Evidence is not null).Select(c => new ScoredAnswer(c.Probability, c.Correct)).ToList();

    private static void Print(Dictionary<string, double> m, double threshold, double target)
    {
        string F(string key) => m.TryGetValue(key, out var v) ? DeflectionRun.Format(v) : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Answer threshold {threshold:0.###} (target precision {target:0.00}):
              test split: coverage {F("test.coverage")}, accuracy {F("test.accuracy")}, false deflection {F("test.false_deflection_rate")}, ECE {F("test.ece")}
              test split at precision 0.90: coverage {F("test.coverage_at_p90")} (accuracy {F("test.accuracy_at_p90")}); at 0.95: coverage {F("test.coverage_at_p95")} (accuracy {F("test.accuracy_at_p95")})
              all questions: coverage {F("all.coverage")}, accuracy {F("all.accuracy")}
              English: coverage {F("en.coverage")}, accuracy {F("en.accuracy")}; Spanish: coverage {F("es.coverage")}, accuracy {F("es.accuracy")}
              human routing recall {F("human_routing_recall")}, false handoff rate {F("false_handoff_rate")}, suggestion hit rate {F("suggestion_hit_rate")}
            """));
    }
}
