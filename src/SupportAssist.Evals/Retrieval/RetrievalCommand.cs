using System.CommandLine;
using System.Globalization;
using SupportAssist.Evals.Reports;

namespace SupportAssist.Evals.Retrieval;

/// <summary><c>retrieval --data DIR</c>: BM25, dense and hybrid retrieval side by side on a BEIR-layout dataset.</summary>
internal static class RetrievalCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "A BEIR-layout folder: corpus.jsonl, queries.jsonl, qrels.tsv (or qrels/test.tsv)", Required = true };
        var retrievers = new Option<string[]>("--retrievers") { Description = "Which to run", DefaultValueFactory = _ => RetrievalSuite.AllRetrievers, AllowMultipleArgumentsPerToken = true };
        retrievers.AcceptOnlyFromAmong(RetrievalSuite.AllRetrievers);
        var embedder = new Option<string?>("--embedder") { Description = "Override SupportAssist:Embeddings:Provider for this run (local, lexical, …)" };
        var suite = new SuiteOptions();
        var command = new Command("retrieval", "Retrieval quality (Recall@1/3/5/10, MRR@10, nDCG@10) and latency per retriever") { data, retrievers, embedder };
        suite.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var dataset = BeirDataset.Load(parse.GetValue(data)!.FullName);
                Console.WriteLine($"{dataset.Corpus.Count} documents, {dataset.Queries.Count} queries, {dataset.Qrels.Count} judged");
                var overrides = parse.GetValue(embedder) is { } provider ? new Dictionary<string, string?> { ["SupportAssist:Embeddings:Provider"] = provider } : null;
                await using var host = await EvalHost.StartAsync(overrides, cancellationToken);
                var run = await ProgressBars.RunAsync(progress => RetrievalSuite.RunAsync(dataset, host.Services, parse.GetValue(retrievers)!, progress, cancellationToken));
                Print(run);
                return suite.Finish(parse, ToResult(run, dataset, parse.GetValue(data)!.FullName), Charts(run),
                    [$"{run.Documents} documents in {run.Chunks} chunks, indexed in {run.IndexSeconds.ToString(CultureInfo.InvariantCulture)} s with {run.Embedder}",
                     .. run.Retrievers.Select(r => $"{r.Retriever}: {r.Queries} queries scored, {r.SkippedWithoutRelevant} without relevant documents skipped")]);
            }
            catch (DatasetException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return SuiteOptions.BadInput;
            }
        });
        return command;
    }

    private static void Print(RetrievalRun run)
    {
        Console.WriteLine("retriever  queries  R@1     R@3     R@5     R@10    MRR@10  nDCG@10  p50 ms  p99 ms");
        foreach (var r in run.Retrievers)
        {
            var m = r.Metrics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Retriever,-9} {r.Queries,8}  {m.Recall1:0.000}   {m.Recall3:0.000}   {m.Recall5:0.000}   {m.Recall10:0.000}   {m.Mrr10:0.000}   {m.Ndcg10:0.000}  {r.Latency.P50,7:0.00} {r.Latency.P99,7:0.00}"));
            foreach (var (language, (queries, lm)) in r.ByLanguage.OrderBy(l => l.Key, StringComparer.Ordinal))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {language,-7} {queries,8}  {lm.Recall1:0.000}   {lm.Recall3:0.000}   {lm.Recall5:0.000}   {lm.Recall10:0.000}   {lm.Mrr10:0.000}   {lm.Ndcg10:0.000}"));
        }
    }

    private static SuiteResult ToResult(RetrievalRun run, BeirDataset dataset, string path)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in run.Retrievers)
        {
            metrics[$"{r.Retriever}.recall@1"] = Math.Round(r.Metrics.Recall1, 4);
            metrics[$"{r.Retriever}.recall@3"] = Math.Round(r.Metrics.Recall3, 4);
            metrics[$"{r.Retriever}.recall@5"] = Math.Round(r.Metrics.Recall5, 4);
            metrics[$"{r.Retriever}.recall@10"] = Math.Round(r.Metrics.Recall10, 4);
            metrics[$"{r.Retriever}.mrr@10"] = Math.Round(r.Metrics.Mrr10, 4);
            metrics[$"{r.Retriever}.ndcg@10"] = Math.Round(r.Metrics.Ndcg10, 4);
            foreach (var (language, (queries, m)) in r.ByLanguage.Where(l => l.Key is "en" or "es"))
            {
                metrics[$"{r.Retriever}.{language}.recall@1"] = Math.Round(m.Recall1, 4);
                metrics[$"{r.Retriever}.{language}.ndcg@10"] = Math.Round(m.Ndcg10, 4);
                metrics[$"{r.Retriever}.{language}.queries.count"] = queries;
            }
            metrics[$"{r.Retriever}.latency.p50_ms"] = r.Latency.P50;
            metrics[$"{r.Retriever}.latency.p99_ms"] = r.Latency.P99;
        }
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["embedder"] = run.Embedder,
            ["documents"] = run.Documents.ToString(CultureInfo.InvariantCulture),
            ["chunks"] = run.Chunks.ToString(CultureInfo.InvariantCulture),
            ["index_seconds"] = run.IndexSeconds.ToString(CultureInfo.InvariantCulture),
        };
        return new SuiteResult("retrieval", DateTimeOffset.UtcNow, new DatasetInfo(path, dataset.Sha256), configuration, SuiteResult.CurrentVersions(), metrics);
    }

    private static IReadOnlyList<Chart> Charts(RetrievalRun run) =>
    [
        new BarChart("Quality per retriever", ["R@1", "R@3", "R@5", "R@10", "MRR@10", "nDCG@10"],
            run.Retrievers.ToDictionary(r => r.Retriever, r => (IReadOnlyList<double>)[r.Metrics.Recall1, r.Metrics.Recall3, r.Metrics.Recall5, r.Metrics.Recall10, r.Metrics.Mrr10, r.Metrics.Ndcg10])),
        .. run.Retrievers.Select(r => new Histogram($"Latency per query, {r.Retriever} (ms)", r.Latencies)),
    ];
}
