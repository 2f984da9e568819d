using Microsoft.Extensions.Options;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// Searches in Qdrant: dense (cosine on the <c>dense</c> vector), lexical (BM25 as the <c>bm25</c> sparse vector with
/// Qdrant's IDF), and both fused by Qdrant's reciprocal rank fusion in one Query API request. The audience,
/// language and product-area filter is part of every query.
/// </summary>
public sealed class QdrantSearchIndex(QdrantClient client, QdrantCollections collections, IOptions<VectorStoreOptions> options) : IVectorIndex, IKeywordIndex, IFusedIndex
{
    // With int8 copies searched first, the best candidates are rescored with the original vectors.
    private readonly SearchParams? _denseParams = options.Value.Qdrant.Quantization == "scalar"
        ? new SearchParams(new QuantizationSearchParams(Rescore: true, Oversampling: 2.0))
        : null;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        var request = new QueryRequest(new QueryInput(Dense: query.ToArray()), QdrantCollectionLayout.DenseVector, QdrantCollectionLayout.ChunkFilter(filter), Limit: limit, Params: _denseParams);
        return ToChunks(await QueryDenseAsync(request, cancellationToken));
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0 || SparseTermVectors.ForQuery(query) is not { } sparse) return [];
        var request = new QueryRequest(new QueryInput(Sparse: sparse), QdrantCollectionLayout.SparseVector, QdrantCollectionLayout.ChunkFilter(filter), Limit: limit);
        return ToChunks(await client.QueryAsync(collections.Alias, request, cancellationToken));
    }

    public async Task<FusedHits> SearchFusedAsync(string text, ReadOnlyMemory<float> vector, RetrievalFilter filter, int candidates, int limit, FusionSettings fusion, CancellationToken cancellationToken)
    {
        if (limit <= 0) return new FusedHits([], 0);
        var conditions = QdrantCollectionLayout.ChunkFilter(filter);
        var prefetch = new List<Prefetch> { new(new QueryInput(Dense: vector.ToArray()), QdrantCollectionLayout.DenseVector, conditions, candidates, _denseParams) };
        if (SparseTermVectors.ForQuery(text) is { } sparse)
            prefetch.Add(new Prefetch(new QueryInput(Sparse: sparse), QdrantCollectionLayout.SparseVector, conditions, candidates));
        // Qdrant adds 1 / ((rank0 + 1) / w + k - 1) with ranks from 0, we 1 / (k + rank1 / w) with ranks from 1:
        // k + 1 gives the same scores as ours. Weights follow the prefetch order.
        float[] weights = prefetch.Count == 2 ? [(float)fusion.DenseWeight, (float)fusion.KeywordWeight] : [(float)fusion.DenseWeight];
        var request = new QueryRequest(new QueryInput(RrfK: fusion.RrfK + 1, RrfWeights: weights), Filter: conditions, Prefetch: prefetch, Limit: limit);
        return new FusedHits(ToChunks(await QueryDenseAsync(request, cancellationToken)), prefetch.Count);
    }

    public async Task<string?> GetEmbedderAsync(CancellationToken cancellationToken) =>
        await collections.DescribeAsync(cancellationToken) is { HasChunks: true } index ? index.Identity : null;

    // A refused dense query most likely means another replica rebuilt the index for another embedder (a vector size
    // error): the cached description is dropped, so the next search sees the change and degrades to BM25 with a reason.
    private async Task<IReadOnlyList<ScoredPoint>> QueryDenseAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.QueryAsync(collections.Alias, request, cancellationToken);
        }
        catch (QdrantException ex) when (ex.Status == 400)
        {
            collections.Invalidate();
            throw;
        }
    }

    private static List<ScoredChunk> ToChunks(IReadOnlyList<ScoredPoint> points)
    {
        var hits = new List<ScoredChunk>(points.Count);
        foreach (var point in points)
        {
            if (QdrantCollectionLayout.ToChunk(point.Payload) is { } chunk) hits.Add(new ScoredChunk(chunk, point.Score));
        }
        return hits;
    }
}
