using Grpc.Core;
using Microsoft.Extensions.Options;
using Qdrant.Client.Grpc;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// Searches in Qdrant: dense (cosine on the <c>dense</c> vector), lexical (BM25 as the <c>bm25</c> sparse vector with
/// Qdrant's IDF), and both fused by Qdrant's reciprocal rank fusion in one Query API request. The audience,
/// language and product-area filter is part of every query.
/// </summary>
public sealed class QdrantSearchIndex(QdrantGateway client, QdrantCollections collections, IOptions<VectorStoreOptions> options) : IVectorIndex, IKeywordIndex, IFusedIndex
{
    // With int8 copies searched first, the best candidates are rescored with the original vectors.
    private readonly SearchParams? _denseParams = options.Value.Qdrant.Quantization == "scalar"
        ? new SearchParams { Quantization = new QuantizationSearchParams { Rescore = true, Oversampling = 2.0 } }
        : null;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        return ToChunks(await QueryDenseAsync(Dense(query), QdrantCollectionLayout.DenseVector, QdrantCollectionLayout.ChunkFilter(filter), limit, null, _denseParams, cancellationToken));
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0 || SparseTermVectors.ForQuery(query) is not { } sparse) return [];
        return ToChunks(await client.QueryAsync(collections.Alias, Sparse(sparse), QdrantCollectionLayout.SparseVector, QdrantCollectionLayout.ChunkFilter(filter), (ulong)limit, cancellationToken));
    }

    public async Task<FusedHits> SearchFusedAsync(string text, ReadOnlyMemory<float> vector, RetrievalFilter filter, int candidates, int limit, FusionSettings fusion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        if (limit <= 0) return new FusedHits([], 0);
        var conditions = QdrantCollectionLayout.ChunkFilter(filter);
        var prefetch = new List<PrefetchQuery> { Prefetch(Dense(vector), QdrantCollectionLayout.DenseVector, conditions, candidates, _denseParams) };
        if (SparseTermVectors.ForQuery(text) is { } sparse)
            prefetch.Add(Prefetch(Sparse(sparse), QdrantCollectionLayout.SparseVector, conditions, candidates, null));
        // Qdrant adds 1 / ((rank0 + 1) / w + k - 1) with ranks from 0, we 1 / (k + rank1 / w) with ranks from 1:
        // k + 1 gives the same scores as ours. Weights follow the prefetch order.
        var rrf = new Rrf { K = (uint)(fusion.RrfK + 1), Weights = { (float)fusion.DenseWeight } };
        if (prefetch.Count == 2) rrf.Weights.Add((float)fusion.KeywordWeight);
        var hits = await QueryDenseAsync(new Query { Rrf = rrf }, null, conditions, limit, prefetch, null, cancellationToken);
        return new FusedHits(ToChunks(hits), prefetch.Count);
    }

    public async Task<string?> GetEmbedderAsync(CancellationToken cancellationToken) =>
        await collections.DescribeAsync(cancellationToken) is { HasChunks: true } index ? index.Identity : null;

    // A refused dense query most likely means another replica rebuilt the index for another embedder (a vector size
    // error): the cached description is dropped, so the next search sees the change and degrades to BM25 with a reason.
    private async Task<IReadOnlyList<ScoredPoint>> QueryDenseAsync(Query query, string? usingVector, Filter filter, int limit, IReadOnlyList<PrefetchQuery>? prefetch, SearchParams? searchParams, CancellationToken cancellationToken)
    {
        try
        {
            return await client.QueryAsync(collections.Alias, query, usingVector, filter, (ulong)limit, cancellationToken, prefetch, searchParams);
        }
        catch (QdrantException ex) when (ex.Status == StatusCode.InvalidArgument)
        {
            collections.Invalidate();
            throw;
        }
    }

    private static Query Dense(ReadOnlyMemory<float> vector) => new() { Nearest = new VectorInput { Dense = new DenseVector { Data = { vector.ToArray() } } } };

    private static Query Sparse(SparseVector vector) => new() { Nearest = new VectorInput { Sparse = vector } };

    private static PrefetchQuery Prefetch(Query query, string usingVector, Filter filter, int limit, SearchParams? searchParams)
    {
        var prefetch = new PrefetchQuery { Query = query, Using = usingVector, Filter = filter, Limit = (ulong)limit };
        if (searchParams is not null) prefetch.Params = searchParams;
        return prefetch;
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
