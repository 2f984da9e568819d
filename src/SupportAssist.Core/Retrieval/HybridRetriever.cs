using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Diagnostics;

namespace SupportAssist.Retrieval;

/// <summary>
/// Dense and BM25 retrieval fused with reciprocal rank fusion, aggregated to articles. When the
/// embedding provider fails, the search still answers from BM25 and says it is degraded; when the index
/// itself is unreachable, the local keyword index of <paramref name="indexes"/> answers if there is one. Its timings are read
/// from <paramref name="clock"/> (the system clock when none is given).
/// </summary>
public sealed partial class HybridRetriever(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    SearchIndexes indexes,
    IOptions<RetrievalOptions> options,
    ILogger<HybridRetriever> logger,
    SupportAssistMetrics? metrics = null,
    TimeProvider? clock = null)
{
    /// <summary>Name of the dense (vector) retriever in results.</summary>
    public const string Dense = "dense";

    /// <summary>Name of the BM25 (keyword) retriever in results.</summary>
    public const string Bm25 = "bm25";

    /// <summary>Name of the index-side fusion of both in results (one query, no per-retriever ranks).</summary>
    public const string Fused = "hybrid";

    private readonly RetrievalOptions _options = options.Value;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly string _embedder = Knowledge.EmbedderIdentity.Of(embedder);

    /// <summary>Runs the query and returns at most <see cref="RetrievalQuery.Limit"/> articles, best first.</summary>
    /// <exception cref="IndexUnavailableException">The index cannot be reached and no local fallback is configured.</exception>
    public async Task<RetrievalResult> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var activity = SupportAssistTelemetry.Source.StartActivity("retrieve");
        var started = _clock.GetTimestamp();
        Searched searched;
        try
        {
            searched = await SearchAsync(query, cancellationToken);
        }
        catch (IndexUnavailableException ex) when (indexes.LocalKeywords is { } local)
        {
            LogIndexUnavailable(logger, ex.Message);
            var phase = _clock.GetTimestamp();
            var hits = await local.SearchAsync(query.Text, query.Filter, _options.CandidatesPerRetriever, cancellationToken);
            searched = new Searched([new RankedList(Bm25, hits, _options.KeywordWeight)], null, [_options.KeywordWeight], "the search index is unavailable; results come from this server's BM25 copy",
                0, 0, _clock.GetElapsedTime(phase).TotalMilliseconds);
        }

        // The index's own fusion scores as ours does, so both normalise against the same maximum for their lists.
        var fused = searched.IndexFused ?? ReciprocalRankFusion.Fuse(searched.Lists, _options.RrfK);
        var maxScore = ReciprocalRankFusion.MaxScore(searched.Weights, _options.RrfK);
        var articles = ArticleAggregation.ToArticles(fused, query, maxScore, _options);
        var elapsed = _clock.GetElapsedTime(started);
        var timings = new RetrievalTimings(searched.EmbedMs, searched.DenseMs, searched.KeywordMs, elapsed.TotalMilliseconds);
        var mode = ModeTag(query.Mode);
        var degraded = searched.DegradedReason is not null;
        var topScore = articles.Count > 0 ? articles[0].Score : 0;
        metrics?.RecordRetrieval(elapsed, mode, degraded, topScore);
        activity?.SetTag("supportassist.retrieval.mode", mode);
        activity?.SetTag("supportassist.retrieval.audience", query.Filter.Audience.ToString().ToLowerInvariant());
        activity?.SetTag("supportassist.retrieval.articles", articles.Count);
        activity?.SetTag("supportassist.retrieval.top_score", topScore);
        activity?.SetTag("supportassist.degraded", degraded);
        return new RetrievalResult(articles, fused, searched.DegradedReason is not null, searched.DegradedReason, timings) { QueryVector = searched.Vector };
    }

    private static string ModeTag(RetrievalMode mode) => mode switch
    {
        RetrievalMode.Dense => "dense",
        RetrievalMode.Keyword => "keyword",
        _ => "hybrid",
    };

    // What the indexes returned: ranked lists to fuse, or the index's own fusion of lists of these weights.
    private sealed record Searched(
        IReadOnlyList<RankedList> Lists, IReadOnlyList<FusedChunk>? IndexFused, IReadOnlyList<double> Weights, string? DegradedReason, double EmbedMs, double DenseMs, double KeywordMs)
    {
        public ReadOnlyMemory<float>? Vector { get; init; }
    }

    private async Task<Searched> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        var lists = new List<RankedList>(2);
        ReadOnlyMemory<float>? queryVector = null;
        string? degradedReason = null;
        double embedMs = 0, denseMs = 0, keywordMs = 0;

        if (query.Mode != RetrievalMode.Keyword)
        {
            var phase = _clock.GetTimestamp();
            var indexed = await indexes.Vectors.GetEmbedderAsync(cancellationToken);
            var vector = indexed is null || indexed == _embedder ? await TryEmbedAsync(query.Text, cancellationToken) : null;
            embedMs = _clock.GetElapsedTime(phase).TotalMilliseconds;
            if (vector is { } v && query.Mode == RetrievalMode.Hybrid && indexes.Fused is { } fusedIndex && !query.NeedsRetrieverScores)
            {
                phase = _clock.GetTimestamp();
                var fusion = new FusionSettings(_options.RrfK, _options.DenseWeight, _options.KeywordWeight);
                var result = await fusedIndex.SearchFusedAsync(query.Text, v, query.Filter, _options.CandidatesPerRetriever, _options.CandidatesPerRetriever, fusion, cancellationToken);
                var fused = result.Hits.Select((h, i) => new FusedChunk(h.Chunk, h.Score, [new RetrieverHit(Fused, i + 1, h.Score)])).ToList();
                var weights = result.Lists == 2 ? [_options.DenseWeight, _options.KeywordWeight] : new[] { _options.DenseWeight };
                return new Searched([], fused, weights, null, embedMs, _clock.GetElapsedTime(phase).TotalMilliseconds, 0) { Vector = v };
            }
            if (vector is { } dense)
            {
                queryVector = dense;
                phase = _clock.GetTimestamp();
                var hits = await indexes.Vectors.SearchAsync(dense, query.Filter, _options.CandidatesPerRetriever, cancellationToken);
                denseMs = _clock.GetElapsedTime(phase).TotalMilliseconds;
                lists.Add(new RankedList(Dense, hits, _options.DenseWeight));
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
            var phase = _clock.GetTimestamp();
            var hits = await indexes.Keywords.SearchAsync(query.Text, query.Filter, _options.CandidatesPerRetriever, cancellationToken);
            keywordMs = _clock.GetElapsedTime(phase).TotalMilliseconds;
            lists.Add(new RankedList(Bm25, hits, _options.KeywordWeight));
        }
        return new Searched(lists, null, lists.Select(l => l.Weight).ToList(), degradedReason, embedMs, denseMs, keywordMs) { Vector = queryVector };
    }

    private async Task<ReadOnlyMemory<float>?> TryEmbedAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            var embedding = await embedder.GenerateQueryAsync(text, cancellationToken);
            return embedding.Vector;
        }
        catch (EmbeddingUnavailableException ex)
        {
            // Degrade, don't fail: BM25 answers; the failure is logged, not ignored.
            LogEmbeddingFailed(logger, ex.GetType().Name, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index unavailable ({Reason}); answering from the local BM25 copy")]
    private static partial void LogIndexUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding failed ({ErrorType}); answering from BM25 only")]
    private static partial void LogEmbeddingFailed(ILogger logger, string errorType, Exception exception);
}
