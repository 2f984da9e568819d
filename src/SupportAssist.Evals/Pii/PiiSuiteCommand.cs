using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;

namespace SupportAssist.Evals.Pii;

/// <summary>
/// <c>pii --data FILE</c>: the redactor over a labelled PII set; reports recall per kind and language, kind accuracy,
/// the false-positive rate on PII-free messages and the share of findings that touch no labelled value. Values are
/// never printed (the set's values are synthetic, but a set made from real tickets must not leak through a report).
/// </summary>
internal static class PiiSuiteCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "JSONL: id, language, text, customer_name, pii [{kind, value}]", Required = true };
        var suite = new SuiteOptions();
        var command = new Command("pii", "The PII redactor: recall per kind, false positives on PII-free messages") { data };
        suite.AddTo(command);
        command.SetAction(parse =>
        {
            try
            {
                var path = parse.GetValue(data)!.FullName;
                var messages = PiiSet.Read(path);
                var clock = Stopwatch.StartNew();
                var score = PiiSet.Score(messages);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["recall.all"] = Round(score.Recall()),
                    ["kind_accuracy"] = Round(score.KindAccuracy),
                    ["false_positive_rate"] = Round(score.FalsePositiveRate),
                    ["false_finding_rate"] = Round(score.SpuriousRate),
                    ["recall.name_from_text_alone"] = Round(PiiSet.Score(messages, customerNames: false).Recall("name")),
                    ["messages.count"] = messages.Count,
                    ["clean_messages.count"] = score.CleanMessages,
                    ["latency.mean_ms_per_message"] = Math.Round(elapsed / Math.Max(1, messages.Count), 3),
                };
                foreach (var kind in PiiSet.Kinds.Keys.Where(k => score.Outcomes.Any(o => o.Kind == k)))
                {
                    metrics[$"recall.{kind}"] = Round(score.Recall(kind));
                    metrics[$"values.{kind}.count"] = score.Outcomes.Count(o => o.Kind == kind);
                }
                foreach (var language in messages.Select(m => m.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                    metrics[$"recall.language.{language}"] = Round(score.Recall(language: language));
                foreach (var (name, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {SuiteResult.Format(value)}"));
                var misses = score.Outcomes.Where(o => !o.Found).Select(o => $"missed {o.Kind} in {o.MessageId}").ToList();
                foreach (var miss in misses) Console.WriteLine("  " + miss);
                foreach (var id in score.FalsePositiveMessages) Console.WriteLine($"  false positive in {id}");
                var kinds = PiiSet.Kinds.Keys.Where(k => metrics.ContainsKey($"recall.{k}")).ToList();
                BarChart[] charts = [new("Recall per kind", kinds, new Dictionary<string, IReadOnlyList<double>> { ["recall"] = kinds.Select(k => metrics[$"recall.{k}"]).ToList() })];
                var result = new SuiteResult("pii", DateTimeOffset.UtcNow, DatasetInfo.Of(path), new Dictionary<string, string>(), SuiteResult.CurrentVersions(), metrics);
                return suite.Finish(parse, result, charts, [$"{messages.Count} messages, {score.CleanMessages} without PII, {score.Outcomes.Count} labelled values", .. misses, .. score.FalsePositiveMessages.Select(id => $"false positive in {id}")]);
            }
            catch (DatasetException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
        });
        return command;
    }

    private static double Round(double value) => double.IsNaN(value) ? value : Math.Round(value, 4);
}
