using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SupportAssist.Deflection;
using SupportAssist.Evals.HelpCenters;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Infrastructure.Policy;
using SupportAssist.Policy;

namespace SupportAssist.Evals.Deflection;

/// <summary>
/// <c>train-policy --data FILE</c>: fits the answerability model on the training split of a deflection eval set.
/// Every training question goes through the service's deflection (answering whenever it can); each answered
/// question is an example (its evidence, and whether the answer cites an expected article). Five-fold
/// cross-validation gives out-of-fold probabilities, whose precision/coverage curve is stored with the model
/// (the host reads the threshold of its target precision from it); the model itself is fitted on every example.
/// The test split is never read.
/// </summary>
internal static class TrainPolicyCommand
{
    private const int Folds = 5;
    private const double L2 = 1.0;

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "JSONL: question, expected_articles (null when unanswerable), must_go_to_human, locale", Required = true };
        var helpCenter = HelpCenter.Option();
        var output = new Option<FileInfo>("--output")
        {
            Description = "Where to write the model (default src/SupportAssist.Api/policy/answerability.json)",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(EvalHost.RepositoryRoot(), "src", "SupportAssist.Api", "policy", "answerability.json")),
        };
        var command = new Command("train-policy", "Fit the answerability model (the deflection policy's probability that an answer is right)") { data, helpCenter, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var path = parse.GetValue(data)!.FullName;
                var questions = DeflectionRun.Read(path).Where(q => !q.Test).ToList();
                var bootstrap = Path.Combine(Path.GetTempPath(), $"supportassist-policy-{Guid.NewGuid():N}.json");
                AnswerabilityModelFile.Write(bootstrap, Uninformed());
                try
                {
                    var (center, cases, embedder) = await DeflectionRun.RunAsync(questions, parse.GetValue(helpCenter), new Dictionary<string, string?>
                    {
                        [$"{DeflectionOptions.Section}:PolicyModelPath"] = bootstrap,
                    }, cancellationToken);
                    var model = Train(cases, questions.Count, DatasetInfo.Of(path).Sha256, center, embedder);
                    AnswerabilityModelFile.Write(parse.GetValue(output)!.FullName, model);
                    Print(model, parse.GetValue(output)!.FullName);
                    return 0;
                }
                finally
                {
                    File.Delete(bootstrap);
                }
            }
            catch (DatasetException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
        });
        return command;
    }

    internal static AnswerabilityModel Train(IReadOnlyList<DeflectionRunCase> cases, int questions, string dataSha256, HelpCenter center, string embedder)
    {
        // Examples in a fixed order (by question hash), so the folds do not depend on the file's order.
        var examples = cases.Where(c => c.Evidence is not null)
            .OrderBy(c => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(c.Question.Question))), StringComparer.Ordinal).ToList();
        if (examples.Count < Folds * 2 || examples.All(c => c.Correct) || examples.All(c => !c.Correct))
            throw new DatasetException($"too few examples to fit a model ({examples.Count}, {examples.Count(c => c.Correct)} correct)");
        var features = examples.Select(c => c.Evidence!.Features()).ToList();
        var labels = examples.Select(c => c.Correct).ToList();
        var outOfFold = new ScoredAnswer[examples.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => i % Folds != fold).ToList();
            var fit = LogisticRegression.Train(train.Select(i => features[i]).ToList(), train.Select(i => labels[i]).ToList(), L2);
            foreach (var i in Enumerable.Range(0, examples.Count).Where(i => i % Folds == fold))
                outOfFold[i] = new ScoredAnswer(fit.Probability(features[i]), labels[i]);
        }
        var final = LogisticRegression.Train(features, labels, L2);
        var curve = Calibration.Curve(outOfFold, questions);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{dataSha256}\n{Path.GetFileName(center.Path.TrimEnd(Path.DirectorySeparatorChar))}\n{center.Articles}\n{embedder}\n{string.Join(",", AnswerEvidence.FeatureNames)}\n{L2}")))[..12];
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var training = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data_sha256"] = dataSha256,
            ["help_center"] = Path.GetFileName(center.Path.TrimEnd(Path.DirectorySeparatorChar)),
            ["articles"] = center.Articles.ToString(CultureInfo.InvariantCulture),
            ["embedder"] = embedder,
            ["questions"] = questions.ToString(CultureInfo.InvariantCulture),
            ["examples"] = examples.Count.ToString(CultureInfo.InvariantCulture),
            ["correct"] = labels.Count(l => l).ToString(CultureInfo.InvariantCulture),
            ["l2"] = F(L2),
            ["folds"] = Folds.ToString(CultureInfo.InvariantCulture),
            ["cv_ece"] = F(Calibration.ExpectedCalibrationError(outOfFold)),
            ["split"] = "train: questions whose SHA-256 starts with a byte of 77 or more (about 70%)",
        };
        return new AnswerabilityModel($"answerability-{fingerprint}", AnswerEvidence.FeatureNames, final.Means, final.Scales, final.Weights, final.Bias, curve, training);
    }

    // Probability 0.5 for everything: lets the pipeline run before any model exists (training answers at threshold 0 anyway).
    private static AnswerabilityModel Uninformed()
    {
        var n = AnswerEvidence.FeatureNames.Count;
        return new AnswerabilityModel("answerability-uninformed", AnswerEvidence.FeatureNames, new double[n], Enumerable.Repeat(1.0, n).ToArray(), new double[n], 0,
            [], new Dictionary<string, string>());
    }

    private static void Print(AnswerabilityModel model, string path)
    {
        Console.WriteLine($"Wrote {model.Version} to {path}");
        Console.WriteLine($"  {model.Training["examples"]} examples ({model.Training["correct"]} correct) from {model.Training["questions"]} training questions; cross-validated ECE {model.Training["cv_ece"]}");
        foreach (var target in new[] { 0.80, 0.85, 0.90, 0.95 })
        {
            var threshold = model.ThresholdFor(target);
            var point = model.Curve.Where(p => p.Threshold >= threshold).OrderBy(p => p.Threshold).FirstOrDefault();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  target precision {target:0.00}: threshold {threshold:0.000}, cross-validated coverage {point?.Coverage ?? 0:0.000}, precision {point?.Precision ?? double.NaN:0.000}"));
        }
        for (var i = 0; i < model.Features.Count; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  weight {model.Features[i],-15} {model.Weights[i],8:0.000}"));
    }
}
