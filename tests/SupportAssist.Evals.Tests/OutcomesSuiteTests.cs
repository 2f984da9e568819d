using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Evals.Reports;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Evals.Tests;

/// <summary>The outcomes suite on a real SQLite outcome store written through the service's outcome log.</summary>
public sealed class OutcomesSuiteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-outcomes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static int _minutes;

    // Each outcome a minute after the last, so the store's order (by time) is the order written.
    private static Outcome Outcome(string kind, string decision, string input, string? answer = null, double latency = 10, string[]? reasons = null) =>
        new(Guid.NewGuid(), kind, DateTimeOffset.UnixEpoch.AddMinutes(Interlocked.Increment(ref _minutes)), input, "en", null, null, null, decision, 0.5, reasons ?? [], [], [], answer, [], null, latency);

    [Fact]
    public async Task Rates_edit_distance_and_content_gaps_come_from_the_logged_outcomes_and_gaps_export_as_eval_cases()
    {
        var path = Path.Combine(_folder, "outcomes.db");
        using (var database = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance))
        {
            var log = new SqliteOutcomeLog(database);
            var answered = Outcome("deflection", "answer", "how do I refund a payment");
            var helped = Outcome("deflection", "answer", "refund timing");
            var gap1 = Outcome("deflection", "suggest_articles", "how do I connect my quickbooks account");
            var gap2 = Outcome("deflection", "contact_support", "quickbooks account connect sync");
            var person = Outcome("deflection", "contact_support", "where is my payout", reasons: ["needs a person (about this customer's own account): \"where is my payout\""]);
            var draft = Outcome("draft", "draft", "Subject: x", answer: "Hi there refunds take five days");
            foreach (var o in new[] { answered, helped, gap1, gap2, person, draft }) await log.RecordAsync(o, CancellationToken.None);
            await log.RecordFeedbackAsync(new FeedbackEvent(answered.Id, "not_helpful", DateTimeOffset.UnixEpoch, null), "deflection", FeedbackRules.Deflection, CancellationToken.None);
            await log.RecordFeedbackAsync(new FeedbackEvent(answered.Id, "contacted_support", DateTimeOffset.UnixEpoch, null), "deflection", FeedbackRules.Deflection, CancellationToken.None);
            await log.RecordFeedbackAsync(new FeedbackEvent(helped.Id, "helpful", DateTimeOffset.UnixEpoch, null), "deflection", FeedbackRules.Deflection, CancellationToken.None);
            await log.RecordFeedbackAsync(new FeedbackEvent(draft.Id, "edited", DateTimeOffset.UnixEpoch, null) { FinalText = "Hi there refunds take ten days" }, "draft", FeedbackRules.Draft, CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();
        var export = Path.Combine(_folder, "gaps.jsonl");
        var results = Path.Combine(_folder, "results");

        var code = await EvalCli.Create().Parse(["outcomes", "--store", path, "--export", export, "--results", results]).InvokeAsync();

        Assert.Equal(0, code);
        var metrics = SuiteResult.Read(Path.Combine(Directory.GetDirectories(results).Single(), "results.json")).Metrics;
        Assert.Equal(5, metrics["deflection.count"]);
        Assert.Equal(0.4, metrics["deflection.answer_rate"]);
        Assert.Equal(0.5, metrics["deflection.helpful_rate"]);
        Assert.Equal(0.5, metrics["deflection.contacted_support_after_answer_rate"]);
        Assert.Equal(0, metrics["draft.acceptance_rate"]);
        Assert.Equal(1, metrics["draft.edit_rate"]);
        // One word of six changed.
        Assert.Equal(Math.Round(1 / 6.0, 4), metrics["draft.mean_edit_distance"]);
        var exported = File.ReadAllLines(export).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["how do I connect my quickbooks account", "quickbooks account connect sync"], exported.Select(e => e.GetProperty("question").GetString()));
        Assert.All(exported, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("expected_articles").ValueKind));
    }

    [Fact]
    public async Task A_missing_store_exits_with_code_2()
    {
        Assert.Equal(2, await EvalCli.Create().Parse(["outcomes", "--store", Path.Combine(_folder, "none.db")]).InvokeAsync());
    }
}
