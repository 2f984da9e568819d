using SupportAssist.Evaluation;

namespace SupportAssist.Evals.Retrieval;

/// <summary>One retriever's results on a dataset.</summary>
public sealed record RetrieverResult(string Retriever, int Queries, int SkippedWithoutRelevant, QueryRetrievalMetrics Metrics, LatencySummary Latency, IReadOnlyList<double> Latencies)
{
    /// <summary>The same metrics per query language (en, es: of the query's words).</summary>
    public IReadOnlyDictionary<string, (int Queries, QueryRetrievalMetrics Metrics)> ByLanguage { get; init; } = new Dictionary<string, (int, QueryRetrievalMetrics)>();
}
