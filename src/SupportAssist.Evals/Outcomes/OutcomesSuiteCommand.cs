using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Evals.Reports;
using SupportAssist.Evaluation;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Evals.Outcomes;

/// <summary>
/// <c>outcomes --store FILE</c>: reads the service's outcome store and reports deflection, helpful and
/// contacted-support-after-deflection rates, draft acceptance and edit distance, latency and tokens, and the
/// largest clusters of unanswered questions; <c>--export</c> writes those questions as new deflection eval cases
/// (expected articles to be filled in by a person).
/// </summary>
internal static class OutcomesSuiteCommand
{
    public static Command Create()
    {
        var store = new Option<FileInfo>("--store") { Description = "The SQLite file (SupportAssist:Storage:SqlitePath; default src/SupportAssist.Api/data/supportassist.db)" };
        var export = new Option<FileInfo?>("--export") { Description = "Write the unanswered questions as deflection eval cases (JSONL) for review" };
        var suite = new SuiteOptions();
        var command = new Command("outcomes", "What logged outcomes and feedback say: deflection, helpfulness, drafts, latency, tokens, content gaps") { store, export };
        suite.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(parse, suite, store, export, cancellationToken);
            }
            catch (Exception error) when (error is Retrieval.DatasetException or Microsoft.Data.Sqlite.SqliteException)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, SuiteOptions suite, Option<FileInfo> store, Option<FileInfo?> export, CancellationToken cancellationToken)
    {
        {
            var path = parse.GetValue(store)?.FullName ?? Path.Combine(EvalHost.RepositoryRoot(), "src", "SupportAssist.Api", "data", "supportassist.db");
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"error: {path}: no outcome store (run the service, or pass --store)");
                return SuiteOptions.BadInput;
            }
            using var database = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance);
            var all = await new SqliteOutcomeLog(database).ReadAllAsync(cancellationToken);
            var deflections = all.Where(o => o.Outcome.Kind == "deflection").ToList();
            var answered = deflections.Where(o => o.Outcome.Decision == "answer").ToList();
            var verdicts = deflections.SelectMany(o => o.Feedback).Where(f => f.Kind is "helpful" or "not_helpful").ToList();
            var drafts = all.Where(o => o.Outcome.Kind == "draft").ToList();
            var draftVerdicts = drafts.Where(d => d.Feedback.Count > 0).ToList();
            var edits = drafts.SelectMany(d => d.Feedback.Where(f => f.Kind == "edited" && f.FinalText is not null).Select(f => OutcomeMetrics.NormalisedEditDistance(d.Outcome.Answer ?? "", f.FinalText!))).ToList();
            static double Share(int part, int whole) => whole == 0 ? double.NaN : Math.Round(part / (double)whole, 4);
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["deflection.count"] = deflections.Count,
                ["deflection.answer_rate"] = Share(answered.Count, deflections.Count),
                ["deflection.helpful_rate"] = Share(verdicts.Count(f => f.Kind == "helpful"), verdicts.Count),
                ["deflection.contacted_support_after_answer_rate"] = Share(answered.Count(o => o.Feedback.Any(f => f.Kind == "contacted_support")), answered.Count),
                ["draft.count"] = drafts.Count,
                ["draft.acceptance_rate"] = Share(draftVerdicts.Count(d => d.Feedback[0].Kind == "accepted"), draftVerdicts.Count),
                ["draft.edit_rate"] = Share(draftVerdicts.Count(d => d.Feedback[0].Kind == "edited"), draftVerdicts.Count),
                ["draft.mean_edit_distance"] = edits.Count == 0 ? double.NaN : Math.Round(edits.Average(), 4),
                ["tokens.input"] = all.Sum(o => o.Outcome.Usage?.InputTokens ?? 0),
                ["tokens.output"] = all.Sum(o => o.Outcome.Usage?.OutputTokens ?? 0),
            };
            foreach (var kind in all.Select(o => o.Outcome.Kind).Distinct(StringComparer.Ordinal))
            {
                var latency = LatencySummary.Of(all.Where(o => o.Outcome.Kind == kind).Select(o => o.Outcome.LatencyMs).ToList());
                metrics[$"{kind}.latency.p50_ms"] = latency.P50;
                metrics[$"{kind}.latency.p90_ms"] = latency.P90;
            }
            var gaps = OutcomeMetrics.ContentGaps(deflections.Select(o => o.Outcome));
            foreach (var (name, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-50} {SuiteResult.Format(value)}"));
            Console.WriteLine("\nLargest clusters of unanswered questions (content gaps):");
            foreach (var gap in gaps.Take(10)) Console.WriteLine($"  {gap.Count,4} × {gap.Representative}");
            if (parse.GetValue(export) is { } file)
            {
                var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                var byId = deflections.ToDictionary(o => o.Outcome.Id, o => o.Outcome);
                await File.WriteAllLinesAsync(file.FullName, gaps.SelectMany(g => g.Outcomes).Select(id => JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["question"] = byId[id].Input,
                    ["expected_articles"] = null,
                    ["must_go_to_human"] = false,
                    ["locale"] = byId[id].Locale,
                    ["source"] = $"outcome:{id}",
                }, options)), cancellationToken);
                Console.WriteLine($"Exported {gaps.Sum(g => g.Count)} unanswered questions to {file.FullName}: fill in expected_articles (or leave null) and add them to the deflection set.");
            }
            var result = new SuiteResult("outcomes", DateTimeOffset.UtcNow, DatasetInfo.Of(path), new Dictionary<string, string>(), SuiteResult.CurrentVersions(), metrics);
            BarChart[] charts =
            [
                new("Rates", ["answer rate", "helpful", "contacted after answer", "draft accepted", "draft edited"], new Dictionary<string, IReadOnlyList<double>>
                {
                    ["outcomes"] = [metrics["deflection.answer_rate"], metrics["deflection.helpful_rate"], metrics["deflection.contacted_support_after_answer_rate"], metrics["draft.acceptance_rate"], metrics["draft.edit_rate"]],
                }),
            ];
            return suite.Finish(parse, result, charts,
                [$"{all.Count} outcomes ({deflections.Count} deflections, {drafts.Count} drafts)", .. gaps.Take(5).Select(g => $"content gap ({g.Count}): {g.Representative}")]);
        }
    }
}
