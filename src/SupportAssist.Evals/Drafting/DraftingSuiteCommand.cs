using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Drafting;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Evaluation;
using SupportAssist.Infrastructure;

namespace SupportAssist.Evals.Drafting;

/// <summary>
/// <c>drafting --data FILE</c>: every ticket through the service's <see cref="DraftService"/> on the help center
/// (indexed fresh); reports citation precision and recall against the articles the reference reply relies on,
/// and the draft's overlap with the reference (ROUGE-L, token F1); with a language model configured, the
/// <c>draft-judge</c> prompt also grades each draft's groundedness and relevance.
/// </summary>
internal static class DraftingSuiteCommand
{
    private sealed record Case(Ticket Ticket, string Reference, IReadOnlySet<string> Expected);

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "JSONL: subject, body, thread, reference_reply, expected_citations, locale", Required = true };
        var helpCenter = HelpCenters.HelpCenter.Option();
        var suite = new SuiteOptions();
        var command = new Command("drafting", "Drafted replies: citation precision and recall, ROUGE-L and token F1 against reference replies") { data, helpCenter };
        suite.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var path = parse.GetValue(data)!.FullName;
                var cases = Read(path);
                await using var host = await EvalHost.StartAsync(new Dictionary<string, string?>(), cancellationToken, builder =>
                {
                    builder.AddLanguageModels();
                    builder.AddDrafts();
                });
                var center = await HelpCenters.HelpCenter.IndexAsync(parse.GetValue(helpCenter), host.Services, cancellationToken);
                var articles = center.Path;
                var drafts = host.Services.GetRequiredService<DraftService>();
                // With a language model configured, it also judges each draft (draft-judge prompt).
                var llm = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.AI.LlmOptions>>().Value;
                var judge = llm.Provider == Infrastructure.AI.LlmOptions.Extractive ? null : new Infrastructure.AI.DraftJudge(
                    host.Services.GetRequiredService<Infrastructure.AI.LanguageModel>(),
                    host.Services.GetRequiredService<IReadOnlyDictionary<string, Infrastructure.AI.PromptDefinition>>()["draft-judge"], llm);
                var grounded = new List<double>();
                var relevant = new List<double>();
                var ungraded = 0;
                var precision = new List<double>();
                var recall = new List<double>();
                var rouge = new List<double>();
                var f1 = new List<double>();
                var holding = 0;
                var recallByLanguage = new List<(string Language, double Recall)>();
                await ProgressBars.RunAsync(async progress =>
                {
                    for (var i = 0; i < cases.Count; i++)
                    {
                        var draft = await drafts.DraftAsync(cases[i].Ticket, cancellationToken);
                        var cited = draft.Reply.Citations.Select(c => center.DatasetId(c.ArticleId)).ToHashSet(StringComparer.Ordinal);
                        var (p, r) = CitationOverlap.Of(cited, cases[i].Expected);
                        if (!double.IsNaN(p)) precision.Add(p);
                        if (!double.IsNaN(r))
                        {
                            recall.Add(r);
                            recallByLanguage.Add((cases[i].Ticket.Customer?.Locale is { } locale ? SupportAssist.Retrieval.RetrievalFilter.LanguageOf(locale)
                                : Text.LanguageGuess.Of(cases[i].Ticket.Subject + " " + cases[i].Ticket.Body).Code, r));
                        }
                        if (cited.Count == 0) holding++;
                        rouge.Add(TextOverlap.RougeL(draft.Reply.Text, cases[i].Reference));
                        if (judge is not null)
                        {
                            var grades = await judge.GradeAsync(cases[i].Ticket, draft.Passages, draft.Reply.Text, cancellationToken);
                            if (grades is null) ungraded++;
                            else
                            {
                                grounded.Add(grades.Groundedness);
                                relevant.Add(grades.Relevance);
                            }
                        }
                        f1.Add(TextOverlap.TokenF1(draft.Reply.Text, cases[i].Reference));
                        progress.Report(("drafting", i + 1, cases.Count));
                    }
                    return 0;
                });
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["citation_precision"] = Math.Round(precision.DefaultIfEmpty(double.NaN).Average(), 4),
                    ["citation_recall"] = Math.Round(recall.DefaultIfEmpty(double.NaN).Average(), 4),
                    ["rouge_l"] = Math.Round(rouge.Average(), 4),
                    ["token_f1"] = Math.Round(f1.Average(), 4),
                };
                foreach (var group in recallByLanguage.GroupBy(x => x.Language).Where(g => g.Key is "en" or "es"))
                {
                    metrics[$"{group.Key}.citation_recall"] = Math.Round(group.Average(x => x.Recall), 4);
                    metrics[$"{group.Key}.tickets.count"] = group.Count();
                }
                if (judge is not null)
                {
                    metrics["judge_groundedness"] = Math.Round(grounded.DefaultIfEmpty(double.NaN).Average(), 4);
                    metrics["judge_relevance"] = Math.Round(relevant.DefaultIfEmpty(double.NaN).Average(), 4);
                }
                foreach (var (name, value) in metrics) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-20} {value:0.000}"));
                var configured = EvalHost.BaseConfiguration();
                var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["llm_provider"] = configured["SupportAssist:Llm:Provider"] ?? "extractive",
                    ["help_center"] = articles,
                    ["llm_judge"] = judge is null ? "off (no language model configured)" : $"draft-judge with {llm.Provider}:{llm.Model}",
                };
                var result = new SuiteResult("drafting", DateTimeOffset.UtcNow, DatasetInfo.Of(path), configuration, SuiteResult.CurrentVersions(), metrics);
                BarChart[] charts = [new("Drafts against reference replies", [.. metrics.Keys], new Dictionary<string, IReadOnlyList<double>> { ["drafts"] = [.. metrics.Values] })];
                return suite.Finish(parse, result, charts,
                [
                    $"{cases.Count} tickets; {holding} drafts cited no article (holding replies); precision averages the {precision.Count} drafts that cite something",
                    "citations include the internal guidance listed beside the reply",
                    judge is null ? "no LLM judge: no language model is configured" : $"LLM judge: {grounded.Count} drafts graded, {ungraded} replies unreadable; grades 1-5 scaled to 0-1",
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

    private static List<Case> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: file not found");
        var cases = new List<Case>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{path}:{number}";
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
                    ? v.GetString()! : throw new DatasetException($"{where}: '{name}' must be a non-empty string");
                var thread = root.TryGetProperty("thread", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Select(m => new TicketMessage(
                        m.GetProperty("role").GetString() == "agent" ? MessageRole.Agent : MessageRole.Customer, m.GetProperty("text").GetString() ?? "")).ToList()
                    : [];
                var expected = root.TryGetProperty("expected_citations", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new DatasetException($"{where}: 'expected_citations' must hold article ids")).ToHashSet(StringComparer.Ordinal)
                    : throw new DatasetException($"{where}: 'expected_citations' must be an array of article ids");
                var locale = root.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                cases.Add(new Case(new Ticket(Text("subject"), Text("body"), thread, new CustomerInfo(null, null, null, locale)), Text("reference_reply"), expected));
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DatasetException($"{where}: malformed ticket ({error.Message})", error);
            }
        }
        if (cases.Count == 0) throw new DatasetException($"{path}: no tickets");
        return cases;
    }
}
