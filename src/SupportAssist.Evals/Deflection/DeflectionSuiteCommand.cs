using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Deflection;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Evaluation;
using SupportAssist.Infrastructure;

namespace SupportAssist.Evals.Deflection;

/// <summary>
/// <c>deflection --data FILE</c>: every question through the service's <see cref="DeflectionService"/> on the help
/// center (indexed fresh), with the answer threshold lowered to the suggestion threshold so that one run gives the
/// whole coverage/accuracy curve; the figures at the configured threshold are read off that curve.
/// </summary>
internal static class DeflectionSuiteCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "JSONL: question, expected_articles (null when unanswerable), must_go_to_human, locale", Required = true };
        var helpCenter = new Option<DirectoryInfo?>("--help-center") { Description = "The articles to index (default samples/helpcenter)" };
        var suite = new SuiteOptions();
        var command = new Command("deflection", "Deflection: correct and false deflection, abstention, routing to a person, coverage/accuracy over the threshold") { data, helpCenter };
        suite.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var path = parse.GetValue(data)!.FullName;
                var questions = Read(path);
                var configured = EvalHost.BaseConfiguration();
                var answerThreshold = configured.GetValue<double?>($"{DeflectionOptions.Section}:AnswerThreshold") ?? new DeflectionOptions().AnswerThreshold;
                var suggestThreshold = configured.GetValue<double?>($"{DeflectionOptions.Section}:SuggestThreshold") ?? new DeflectionOptions().SuggestThreshold;
                var articles = parse.GetValue(helpCenter)?.FullName ?? Path.Combine(EvalHost.RepositoryRoot(), "samples", "helpcenter");
                await using var host = await EvalHost.StartAsync(new Dictionary<string, string?>
                {
                    ["SupportAssist:KnowledgeBase:SourceFolder"] = articles,
                    ["SupportAssist:KnowledgeBase:StartupIndexing"] = "WhenEmpty",
                    [$"{DeflectionOptions.Section}:AnswerThreshold"] = suggestThreshold.ToString(CultureInfo.InvariantCulture),
                }, cancellationToken, builder =>
                {
                    builder.AddLanguageModels();
                    builder.AddDeflection();
                });
                var deflection = host.Services.GetRequiredService<DeflectionService>();
                var cases = await ProgressBars.RunAsync(async progress =>
                {
                    var cases = new List<DeflectionCase>();
                    for (var i = 0; i < questions.Count; i++)
                    {
                        var (question, locale, expected, articlesExpected) = questions[i];
                        var decided = await deflection.DeflectAsync(new DeflectionRequest(question, locale, null, null, null), cancellationToken);
                        cases.Add(new DeflectionCase(expected, articlesExpected, decided.Decision == DeflectionDecision.Answer, decided.Confidence,
                            decided.Decision == DeflectionDecision.ContactSupport && decided.Handoff.Count > 0,
                            decided.Answer?.Citations.Select(c => c.ArticleId).ToHashSet(StringComparer.Ordinal) ?? [],
                            decided.SuggestedArticles.Select(a => a.ArticleId).ToList()));
                        progress.Report(("deflecting", i + 1, questions.Count));
                    }
                    return cases;
                });
                // The cases a person should read first: people who needed a person and did not get one, and wrong answers.
                for (var i = 0; i < cases.Count; i++)
                {
                    var c = cases[i];
                    if (c.Expected == ExpectedOutcome.Human && !c.WentToPerson) Console.WriteLine($"  not handed over: {questions[i].Question}");
                    else if (c.Expected != ExpectedOutcome.Human && c.WentToPerson) Console.WriteLine($"  handed over, did not need to be: {questions[i].Question}");
                    else if (c.AnsweredAt(answerThreshold) && !c.Correct) Console.WriteLine($"  answered, should not have: {questions[i].Question}");
                }
                var grid = Enumerable.Range(0, 16).Select(i => Math.Round(suggestThreshold + i * (1 - suggestThreshold) / 15, 3)).ToList();
                var atConfigured = DeflectionMetrics.At(cases, answerThreshold);
                var human = DeflectionMetrics.HumanRoutingRecall(cases);
                var suggestions = DeflectionMetrics.SuggestionHitRate(cases);
                var curve = grid.Select(t => DeflectionMetrics.At(cases, t)).ToList();
                Print(atConfigured, human, suggestions, curve);
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["coverage"] = Math.Round(atConfigured.Coverage, 4),
                    ["accuracy"] = Math.Round(atConfigured.Accuracy, 4),
                    ["correct_deflection_rate"] = Math.Round(atConfigured.CorrectDeflectionRate, 4),
                    ["false_deflection_rate"] = Math.Round(atConfigured.FalseDeflectionRate, 4),
                    ["abstention_precision"] = Math.Round(atConfigured.AbstentionPrecision, 4),
                    ["abstention_recall"] = Math.Round(atConfigured.AbstentionRecall, 4),
                    ["human_routing_recall"] = Math.Round(human, 4),
                    ["suggestion_hit_rate"] = Math.Round(suggestions, 4),
                    ["false_handoff_rate"] = Math.Round(cases.Where(c => c.Expected != ExpectedOutcome.Human).Count(c => c.WentToPerson) / (double)Math.Max(1, cases.Count(c => c.Expected != ExpectedOutcome.Human)), 4),
                };
                var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["answer_threshold"] = answerThreshold.ToString(CultureInfo.InvariantCulture),
                    ["suggest_threshold"] = suggestThreshold.ToString(CultureInfo.InvariantCulture),
                    ["llm_provider"] = configured["SupportAssist:Llm:Provider"] ?? "extractive",
                    ["help_center"] = articles,
                };
                var result = new SuiteResult("deflection", DateTimeOffset.UtcNow, DatasetInfo.Of(path), configuration, SuiteResult.CurrentVersions(), metrics);
                BarChart[] charts =
                [
                    new("Coverage and accuracy over the answer threshold", grid.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)).ToList(),
                        new Dictionary<string, IReadOnlyList<double>> { ["coverage"] = curve.Select(r => r.Coverage).ToList(), ["accuracy"] = curve.Select(r => r.Accuracy).ToList() }),
                ];
                return suite.Finish(parse, result, charts,
                [
                    $"{cases.Count} questions: {cases.Count(c => c.Expected == ExpectedOutcome.Answerable)} answerable, {cases.Count(c => c.Expected == ExpectedOutcome.Unanswerable)} unanswerable, {cases.Count(c => c.Expected == ExpectedOutcome.Human)} for a person",
                    $"metrics at the configured answer threshold {answerThreshold.ToString(CultureInfo.InvariantCulture)}; the curve runs from the suggestion threshold {suggestThreshold.ToString(CultureInfo.InvariantCulture)} to 1",
                ]);
            }
            catch (DatasetException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
        });
        return command;
    }

    private static void Print(DeflectionReport report, double human, double suggestions, IReadOnlyList<DeflectionReport> curve)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            At answer threshold {report.Threshold}:
              coverage {report.Coverage:0.000}, accuracy {report.Accuracy:0.000}
              correct deflection rate {report.CorrectDeflectionRate:0.000}, false deflection rate {report.FalseDeflectionRate:0.000}
              abstention precision {report.AbstentionPrecision:0.000}, recall {report.AbstentionRecall:0.000}
              human routing recall {human:0.000}, suggestion hit rate (expected article suggested) {suggestions:0.000}
            Threshold  coverage  accuracy
            """));
        foreach (var r in curve) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Threshold:0.000}   {r.Coverage:0.000}     {r.Accuracy:0.000}"));
    }

    private static List<(string Question, string? Locale, ExpectedOutcome Expected, IReadOnlySet<string> Articles)> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: file not found");
        var questions = new List<(string, string?, ExpectedOutcome, IReadOnlySet<string>)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new DatasetException($"{path}:{number}: expected a JSON object");
                var question = root.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()! : throw new DatasetException($"{path}:{number}: 'question' must be a string");
                var human = root.TryGetProperty("must_go_to_human", out var h) && h.ValueKind == JsonValueKind.True;
                var articles = root.TryGetProperty("expected_articles", out var a) && a.ValueKind == JsonValueKind.Array
                    ? a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new DatasetException($"{path}:{number}: 'expected_articles' must hold strings")).ToHashSet(StringComparer.Ordinal)
                    : new HashSet<string>(StringComparer.Ordinal);
                var locale = root.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                var expected = human ? ExpectedOutcome.Human : articles.Count > 0 ? ExpectedOutcome.Answerable : ExpectedOutcome.Unanswerable;
                questions.Add((question, locale, expected, articles));
            }
            catch (JsonException error)
            {
                throw new DatasetException($"{path}:{number}: not valid JSON ({error.Message})", error);
            }
        }
        if (questions.Count == 0) throw new DatasetException($"{path}: no questions");
        return questions;
    }
}
