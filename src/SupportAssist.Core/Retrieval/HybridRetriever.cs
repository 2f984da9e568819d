using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAssist.Retrieval;

/// <summary>
/// Dense and BM25 retrieval fused with reciprocal rank fusion, aggregated to articles. When the
/// embedding provider fails, the search still answers from BM25 and says it is degraded.
/// </summary>
public sealed partial class HybridRetriever(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IVectorIndex vectorIndex,
    IKeywordIndex keywordIndex,
    IOptions<RetrievalOptions> options,
    ILogger<HybridRetriever> logger)
{
    /// <summary>Name of the dense (vector) retriever in results.</summary>
    public const string Dense = "dense";

    /// <summary>Name of the BM25 (keyword) retriever in results.</summary>
    public const string Bm25 = "bm25";

    private readonly RetrievalOptions _options = options.Value;
    private readonly string _embedder = Knowledge.EmbedderIdentity.Of(embedder);

    /// <summary>Runs the query and returns at most <see cref="RetrievalQuery.Limit"/> articles, best first.</summary>
    public async Task<RetrievalResult> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var started = Stopwatch.GetTimestamp();
        var lists = new List<RankedList>(2);
        string? degradedReason = null;
        double embedMs = 0, denseMs = 0, keywordMs = 0;

        if (query.Mode != RetrievalMode.Keyword)
        {
            var phase = Stopwatch.GetTimestamp();
            var indexed = await vectorIndex.GetEmbedderAsync(cancellationToken);
            var vector = indexed is null || indexed == _embedder ? await TryEmbedAsync(query.Text, cancellationToken) : null;
            embedMs = Stopwatch.GetElapsedTime(phase).TotalMilliseconds;
            if (vector is { } v)
            {
                phase = Stopwatch.GetTimestamp();
                var hits = await vectorIndex.SearchAsync(v, query.Filter, _options.CandidatesPerRetriever, cancellationToken);
                denseMs = Stopwatch.GetElapsedTime(phase).TotalMilliseconds;
                lists.Add(new RankedList(Dense, hits));
            }
            else
            {
                degradedReason = indexed is not null && indexed != _embedder
                    ? $"the index was built with '{indexed}' but the configured embedder is '{_embedder}'; results come from BM25 only until the index is rebuilt"
                    : "embedding provider unavailable; results come from BM25 only";
            }
        }
        if (query.Mode != RetrievalMode.Dense || degradedReason is not null)
        {
            var phase = Stopwatch.GetTimestamp();
            var hits = await keywordIndex.SearchAsync(query.Text, query.Filter, _options.CandidatesPerRetriever, cancellationToken);
            keywordMs = Stopwatch.GetElapsedTime(phase).TotalMilliseconds;
            lists.Add(new RankedList(Bm25, hits));
        }

        var fused = ReciprocalRankFusion.Fuse(lists, _options.RrfK);
        var articles = ArticleAggregation.ToArticles(fused, query, ReciprocalRankFusion.MaxScore(lists.Count, _options.RrfK), _options);
        var timings = new RetrievalTimings(embedMs, denseMs, keywordMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new RetrievalResult(articles, fused, degradedReason is not null, degradedReason, timings);
    }

    private async Task<ReadOnlyMemory<float>?> TryEmbedAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            var embedding = await embedder.GenerateAsync(text, cancellationToken: cancellationToken);
            return embedding.Vector;
        }
#pragma warning disable CA1031 // Any provider failure degrades to BM25 (DESIGN: degrade, don't fail); it is logged, not ignored.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogEmbeddingFailed(logger, ex.GetType().Name, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding failed ({ErrorType}); answering from BM25 only")]
    private static partial void LogEmbeddingFailed(ILogger logger, string errorType, Exception exception);
}
