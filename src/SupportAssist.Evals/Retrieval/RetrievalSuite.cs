using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Evaluation;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Evals.Retrieval;

/// <summary>
/// The retrieval suite: indexes a BEIR corpus into a fresh store through the service's ingestion (chunking,
/// embedding, FTS5), then runs every query through the service's <see cref="HybridRetriever"/> in each mode and
/// scores the top 10 documents against the qrels.
/// </summary>
internal static class RetrievalSuite
{
    public static readonly string[] AllRetrievers = ["bm25", "dense", "hybrid"];

    public static async Task<RetrievalRun> RunAsync(
        BeirDataset data, IServiceProvider services, IReadOnlyList<string> retrievers, IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var ingestor = services.GetRequiredService<KnowledgeBaseIngestor>();
        var retriever = services.GetRequiredService<HybridRetriever>();
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        // Our article ids are slugs; BEIR ids are anything: documents are stored under their position.
        var articleIds = data.Corpus.Select((d, i) => (d.Id, Article: $"d{i}")).ToDictionary(p => p.Article, p => p.Id, StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var articles = data.Corpus.Select((document, i) =>
        {
            var title = string.IsNullOrWhiteSpace(document.Title) ? document.Id : document.Title;
            var body = string.IsNullOrWhiteSpace(document.Text) ? title : document.Text;
            return new Article($"d{i}", title.Length > ArticleRules.MaxTitleLength ? title[..ArticleRules.MaxTitleLength] : title, null, "en",
                ArticleAudience.Public, null, [], null, body);
        }).ToList();
        // The bulk path: chunks embedded in batches across documents, one transaction for the whole corpus.
        var (_, chunks) = await ingestor.ReplaceAllAsync(articles, new Progress<int>(n => progress?.Report(("embedding chunks", n, 0))), cancellationToken);
        var indexSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var results = new List<RetrieverResult>();
        foreach (var name in retrievers)
        {
            var mode = name switch { "bm25" => RetrievalMode.Keyword, "dense" => RetrievalMode.Dense, _ => RetrievalMode.Hybrid };
            var perQuery = new List<QueryRetrievalMetrics>();
            var languages = new List<string>();
            var latencies = new List<double>();
            var skipped = 0;
            for (var i = 0; i < data.Queries.Count; i++)
            {
                var query = data.Queries[i];
                if (!data.Qrels.TryGetValue(query.Id, out var relevant) || !relevant.Values.Any(v => v > 0))
                {
                    skipped++;
                    continue;
                }
                var timer = Stopwatch.GetTimestamp();
                var found = await retriever.RetrieveAsync(new RetrievalQuery(query.Text, new RetrievalFilter(Audience.Agent), 10, mode), cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(timer).TotalMilliseconds);
                var ranked = found.Articles.Select(a => new RankedDocument(articleIds[a.ArticleId], a.Score)).ToList();
                perQuery.Add(RetrievalMetrics.Of(ranked, relevant)!);
                languages.Add(Text.LanguageGuess.Of(query.Text).Code);
                if (i % 50 == 0 || i == data.Queries.Count - 1) progress?.Report((name, i + 1, data.Queries.Count));
            }
            var mean = RetrievalMetrics.Mean(perQuery) ?? new QueryRetrievalMetrics(0, 0, 0, 0, 0, 0);
            var byLanguage = languages.Distinct(StringComparer.Ordinal).ToDictionary(l => l, l =>
            {
                var slice = perQuery.Where((_, i) => languages[i] == l).ToList();
                return (slice.Count, RetrievalMetrics.Mean(slice)!);
            }, StringComparer.Ordinal);
            results.Add(new RetrieverResult(name, perQuery.Count, skipped, mean, LatencySummary.Of(latencies), latencies) { ByLanguage = byLanguage });
        }
        return new RetrievalRun(data.Corpus.Count, chunks, Math.Round(indexSeconds, 2), EmbedderIdentity.Of(embedder), results);
    }
}
