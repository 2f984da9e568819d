using System.Text.Json;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;

namespace SupportAssist.Evals.Tests;

/// <summary>The retrieval suite end to end on a tiny BEIR dataset, and the regression gate's exit codes.</summary>
public sealed class RetrievalSuiteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-evals-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Dataset()
    {
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        File.WriteAllLines(Path.Combine(data, "corpus.jsonl"),
        [
            """{"_id": "D-1", "title": "Refund timing", "text": "Refunds reach the card in five to ten business days."}""",
            """{"_id": "D-2", "title": "Payout schedule", "text": "Payouts are sent every business day to your bank account."}""",
            """{"_id": "D-3", "title": "Chargeback fees", "text": "A chargeback costs a fifteen dollar dispute fee."}""",
        ]);
        File.WriteAllLines(Path.Combine(data, "queries.jsonl"),
        [
            """{"_id": "q1", "text": "how long until the refund reaches the card"}""",
            """{"_id": "q2", "text": "when are payouts sent to my bank"}""",
            """{"_id": "q3", "text": "a query nobody judged"}""",
        ]);
        File.WriteAllText(Path.Combine(data, "qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\tD-1\t1\nq2\tD-2\t2\n");
        return data;
    }

    private static Task<int> Run(params string[] args) => EvalCli.Create().Parse(args).InvokeAsync();

    private string Results() => Path.Combine(_folder, "results");

    private SuiteResult LatestResult() =>
        SuiteResult.Read(Path.Combine(Directory.GetDirectories(Results()).OrderBy(d => d, StringComparer.Ordinal).Last(), "results.json"));

    [Fact]
    public async Task A_run_scores_every_retriever_and_writes_results_summary_and_report()
    {
        var code = await Run("retrieval", "--data", Dataset(), "--embedder", "lexical", "--results", Results());

        Assert.Equal(0, code);
        var run = Directory.GetDirectories(Results()).Single();
        Assert.StartsWith("retrieval-", Path.GetFileName(run), StringComparison.Ordinal);
        var result = LatestResult();
        Assert.Equal(1.0, result.Metrics["bm25.recall@10"]);
        Assert.Equal(1.0, result.Metrics["hybrid.recall@10"]);
        Assert.Contains("dense.ndcg@10", result.Metrics.Keys);
        Assert.Equal(64, result.Dataset.Sha256.Length);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(run, "report.html")), StringComparison.Ordinal);
        Assert.Contains("| bm25.mrr@10 |", File.ReadAllText(Path.Combine(run, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gate_fails_with_code_3_when_a_metric_drops_more_than_allowed_and_passes_otherwise()
    {
        var data = Dataset();
        Assert.Equal(0, await Run("retrieval", "--data", data, "--embedder", "lexical", "--retrievers", "bm25", "--results", Results()));
        var measured = LatestResult();
        var better = Path.Combine(_folder, "better.json");
        var worse = Path.Combine(_folder, "worse.json");
        File.WriteAllText(better, (measured with { Metrics = measured.Metrics.ToDictionary(m => m.Key, m => m.Value + 0.05) }).ToJson());
        File.WriteAllText(worse, (measured with { Metrics = measured.Metrics.ToDictionary(m => m.Key, m => m.Value - 0.05) }).ToJson());

        var againstBetter = await Run("retrieval", "--data", data, "--embedder", "lexical", "--retrievers", "bm25", "--results", Results(), "--baseline", better, "--fail-on-regression", "0.02");
        var withinSlack = await Run("retrieval", "--data", data, "--embedder", "lexical", "--retrievers", "bm25", "--results", Results(), "--baseline", better, "--fail-on-regression", "0.06");
        var againstWorse = await Run("retrieval", "--data", data, "--embedder", "lexical", "--retrievers", "bm25", "--results", Results(), "--baseline", worse, "--fail-on-regression", "0");

        Assert.Equal((3, 0, 0), (againstBetter, withinSlack, againstWorse));
    }

    [Fact]
    public async Task A_retriever_the_baseline_has_but_the_run_skipped_counts_as_a_regression()
    {
        var data = Dataset();
        Assert.Equal(0, await Run("retrieval", "--data", data, "--embedder", "lexical", "--results", Results()));
        var all = Path.Combine(Directory.GetDirectories(Results()).Single(), "results.json");

        var code = await Run("retrieval", "--data", data, "--embedder", "lexical", "--retrievers", "bm25", "--results", Results(), "--baseline", all, "--fail-on-regression", "0.5");

        Assert.Equal(3, code);
    }

    [Fact]
    public async Task A_gate_without_a_baseline_is_a_command_line_error()
    {
        var parse = EvalCli.Create().Parse(["retrieval", "--data", Dataset(), "--fail-on-regression", "0.02"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--fail-on-regression needs --baseline", StringComparison.Ordinal));
        Assert.Equal(1, await parse.InvokeAsync());
    }

    [Fact]
    public async Task A_baseline_without_a_gate_only_compares()
    {
        var data = Dataset();
        Assert.Equal(0, await Run("retrieval", "--data", data, "--embedder", "lexical", "--results", Results()));
        var all = Path.Combine(Directory.GetDirectories(Results()).Single(), "results.json");

        Assert.Equal(0, await Run("retrieval", "--data", data, "--embedder", "lexical", "--retrievers", "bm25", "--results", Results(), "--baseline", all));
    }

    [Fact]
    public async Task A_file_that_is_not_a_results_json_is_refused_as_a_baseline_with_code_2()
    {
        var bogus = Path.Combine(_folder, "bogus.json");
        File.WriteAllText(bogus, "{}");

        Assert.Equal(2, await Run("retrieval", "--data", Dataset(), "--embedder", "lexical", "--results", Results(), "--baseline", bogus));
    }

    [Fact]
    public async Task A_malformed_dataset_exits_with_code_2()
    {
        var data = Dataset();
        File.AppendAllText(Path.Combine(data, "qrels.tsv"), "q9\tD-1\t1\n");

        Assert.Equal(2, await Run("retrieval", "--data", data, "--embedder", "lexical", "--results", Results()));
    }
}

public sealed class BaselineComparisonTests
{
    private static SuiteResult Result(params (string Metric, double Value)[] metrics) =>
        new("deflection", DateTimeOffset.UnixEpoch, new DatasetInfo("d", new string('0', 64)), new Dictionary<string, string>(), new Dictionary<string, string>(),
            metrics.ToDictionary(m => m.Metric, m => m.Value));

    [Fact]
    public void A_rate_that_should_stay_low_regresses_when_it_rises()
    {
        var changes = BaselineComparison.Compare(Result(("false_deflection_rate", 0.05), ("accuracy", 0.8)), Result(("false_deflection_rate", 0.10), ("accuracy", 0.9)), 0.02);

        Assert.True(changes.Single(c => c.Metric == "false_deflection_rate").Regressed);
        Assert.False(changes.Single(c => c.Metric == "accuracy").Regressed);
    }

    [Fact]
    public void Latencies_are_compared_but_never_gate()
    {
        var change = BaselineComparison.Compare(Result(("hybrid.latency.p50_ms", 1)), Result(("hybrid.latency.p50_ms", 100)), 0).Single();

        Assert.False(change.Regressed);
        Assert.Equal(99, change.Delta);
    }
}

public sealed class BeirDatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-beir-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string corpus, string queries, string qrels)
    {
        File.WriteAllText(Path.Combine(_folder, "corpus.jsonl"), corpus);
        File.WriteAllText(Path.Combine(_folder, "queries.jsonl"), queries);
        File.WriteAllText(Path.Combine(_folder, "qrels.tsv"), qrels);
    }

    private const string Corpus = "{\"_id\": \"d1\", \"title\": \"T\", \"text\": \"x\"}\n";
    private const string Queries = "{\"_id\": \"q1\", \"text\": \"y\"}\n";
    private const string Qrels = "query-id\tcorpus-id\tscore\nq1\td1\t1\n";

    [Theory]
    [InlineData(Corpus + "not json\n", Queries, Qrels, "corpus.jsonl:2: not valid JSON")]
    [InlineData("{\"title\": \"T\", \"text\": \"x\"}\n", Queries, Qrels, "corpus.jsonl:1: '_id' is missing")]
    [InlineData(Corpus + Corpus, Queries, Qrels, "corpus.jsonl: document ids must be unique")]
    [InlineData(Corpus, "{\"_id\": \"q1\", \"text\": \"\"}\n", Qrels, "queries.jsonl:1: 'text' must not be empty")]
    [InlineData(Corpus, Queries, "query corpus score\nq1\td1\t1\n", "qrels.tsv:1: the header must be")]
    [InlineData(Corpus, Queries, "query-id\tcorpus-id\tscore\nq1\td1\n", "qrels.tsv:2: expected 3 tab-separated fields, got 2")]
    [InlineData(Corpus, Queries, "query-id\tcorpus-id\tscore\nq1\td1\thigh\n", "qrels.tsv:2: score 'high' is not a whole number")]
    [InlineData(Corpus, Queries, "query-id\tcorpus-id\tscore\nq1\td7\t1\n", "qrels.tsv:2: document 'd7' is not in corpus.jsonl")]
    public void Malformed_files_are_refused_naming_the_file_and_line(string corpus, string queries, string qrels, string message)
    {
        Write(corpus, queries, qrels);

        var error = Assert.Throws<DatasetException>(() => BeirDataset.Load(_folder));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_dataset_loads_with_numeric_ids_and_the_qrels_subfolder()
    {
        Write("{\"_id\": 7, \"text\": \"x\"}\n", "{\"_id\": \"q1\", \"text\": \"y\"}\n", "");
        File.Delete(Path.Combine(_folder, "qrels.tsv"));
        Directory.CreateDirectory(Path.Combine(_folder, "qrels"));
        File.WriteAllText(Path.Combine(_folder, "qrels", "test.tsv"), "query-id\tcorpus-id\tscore\nq1\t7\t2\n");

        var dataset = BeirDataset.Load(_folder);

        Assert.Equal("7", dataset.Corpus.Single().Id);
        Assert.Equal(2, dataset.Qrels["q1"]["7"]);
    }
}
