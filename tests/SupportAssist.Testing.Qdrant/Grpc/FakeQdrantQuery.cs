using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

internal sealed partial class FakeQdrantCollection
{
    // Qdrant's default RRF constant (DEFAULT_RRF_K in lib/segment/src/common/reciprocal_rank_fusion.rs).
    private const int DefaultRrfK = 2;

    /// <summary>Query: the subset of the Query API we use (nearest dense/sparse, prefetch, RRF), its scored points best first.</summary>
    public IReadOnlyList<ScoredPoint> Query(QueryPoints request)
    {
        if (request.LookupFrom is not null || request.ShardKeySelector is not null) throw QdrantRejection.Unsupported("lookup_from and shard keys");
        var limit = request.HasLimit ? (int)request.Limit : (int)DefaultLimit;
        var offset = request.HasOffset ? (int)request.Offset : 0;
        var stage = new Stage([.. request.Prefetch], request.Query, request.HasUsing ? request.Using : "", request.Filter, request.HasScoreThreshold ? request.ScoreThreshold : null);
        var ranked = Evaluate(stage, static _ => true, limit + offset, "");

        var points = new List<ScoredPoint>();
        foreach (var hit in ranked.Skip(offset))
        {
            var scored = new ScoredPoint { Id = hit.Point.Id.Clone(), Version = hit.Point.Version, Score = hit.Score };
            if (SelectPayload(hit.Point.Payload, request.WithPayload, byDefault: false) is { } payload) scored.Payload.Add(payload);
            if (SelectVectors(hit.Point, request.WithVectors) is { } vectors) scored.Vectors = vectors;
            points.Add(scored);
        }

        return points;
    }

    private List<Ranked> Evaluate(Stage stage, Func<StoredPoint, bool> inherited, int limit, string path)
    {
        // Qdrant ANDs every ancestor's filter into each prefetch (qdrant/qdrant#4427), so fused lists only hold eligible points.
        var own = FakeQdrantFilter.Compile(stage.Filter);
        bool Eligible(StoredPoint point) => inherited(point) && own(point);
        var plan = Plan(stage, path);

        // Qdrant's own request checks (CollectionQueryRequest::validation), in its words.
        if (stage.Prefetch.Count > 0 && plan.IsEmpty)
            throw QdrantRejection.WrongInput("A query is needed to merge the prefetches. Can't have prefetches without defining a query.");
        if (stage.ScoreThreshold is not null && plan.IsEmpty)
            throw QdrantRejection.WrongInput("A query is needed to use the score_threshold. Can't have score_threshold without defining a query.");
        if (plan.Fusion is not null && stage.Using.Length > 0)
            throw QdrantRejection.WrongInput("Fusion queries cannot be combined with the 'using' field.");
        if (plan.Fusion is not null && stage.Prefetch.Count == 0)
            throw QdrantRejection.WrongInput("cannot apply Fusion without prefetches");

        List<IReadOnlyList<Ranked>> Sources() => [.. stage.Prefetch.Select((prefetch, i) => (IReadOnlyList<Ranked>)Evaluate(
            new Stage([.. prefetch.Prefetch], prefetch.Query, prefetch.HasUsing ? prefetch.Using : "", prefetch.Filter, prefetch.HasScoreThreshold ? prefetch.ScoreThreshold : null),
            Eligible, prefetch.HasLimit ? (int)prefetch.Limit : (int)DefaultLimit, $"{path}prefetch[{i}]."))];

        IEnumerable<Ranked> ranked;
        var smallerIsBetter = false;
        if (plan.Fusion is { } fusion)
        {
            ranked = FakeQdrantScoring.ReciprocalRankFusion(Sources(), fusion.K, fusion.Weights);
        }
        else if (plan.Nearest is { } nearest)
        {
            // With prefetches, the nearest query rescores their union; without, it scans the collection.
            var candidates = stage.Prefetch.Count == 0
                ? _points.Values.Where(Eligible)
                : Sources().SelectMany(source => source).Select(hit => hit.Point).DistinctBy(point => point.Id);
            ranked = Score(candidates, nearest);
            smallerIsBetter = nearest.Distance is Distance.Euclid or Distance.Manhattan;
        }
        else
        {
            // No query: points in id order, as Qdrant answers it.
            return [.. _points.Values.Where(Eligible).Take(limit).Select(point => new Ranked(point, 0))];
        }

        var ordered = smallerIsBetter
            ? ranked.OrderBy(hit => hit.Score).ThenBy(hit => hit.Point.Id, PointIdOrder.Instance)
            : ranked.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Point.Id, PointIdOrder.Instance);
        return [.. ordered
            .Where(hit => stage.ScoreThreshold is not { } t || (smallerIsBetter ? hit.Score <= t : hit.Score >= t))
            .Take(limit)];
    }

    private QueryPlan Plan(Stage stage, string path) => stage.Query?.VariantCase switch
    {
        null or Qdrant.Client.Grpc.Query.VariantOneofCase.None => QueryPlan.None,
        Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest => new QueryPlan(Nearest(stage.Using, stage.Query.Nearest, $"{path}query.nearest"), null),
        Qdrant.Client.Grpc.Query.VariantOneofCase.Fusion => stage.Query.Fusion == Fusion.Rrf
            ? new QueryPlan(null, new RrfParameters(DefaultRrfK, null))
            : throw QdrantRejection.Unsupported("DBSF fusion"),
        Qdrant.Client.Grpc.Query.VariantOneofCase.Rrf => new QueryPlan(null, new RrfParameters(
            stage.Query.Rrf.HasK ? (int)stage.Query.Rrf.K : DefaultRrfK,
            stage.Query.Rrf.Weights.Count > 0 ? [.. stage.Query.Rrf.Weights] : null)),
        var other => throw QdrantRejection.Unsupported($"the {other} query"),
    };

    private NearestQuery Nearest(string usingName, VectorInput input, string path)
    {
        if (input.VariantCase == VectorInput.VariantOneofCase.Dense)
        {
            var vector = input.Dense.Data.ToArray();
            if (!_dense.TryGetValue(usingName, out var config))
                throw _sparseUsesIdf.ContainsKey(usingName) ? QdrantRejection.WrongInput($"Vector {usingName} is a sparse vector") : NotExistingVector(usingName);
            if ((ulong)vector.Length != config.Size) throw DimensionError(config.Size, vector.Length);

            // Qdrant preprocesses the query like stored vectors: normalised for Cosine.
            return new NearestQuery(usingName, config.Distance, config.Distance == Distance.Cosine ? FakeQdrantScoring.Normalize(vector) : vector, null);
        }

        if (input.VariantCase == VectorInput.VariantOneofCase.Sparse)
        {
            var sparse = StoredSparse.Parse(input.Sparse.Indices, input.Sparse.Values, path);
            if (!_sparseUsesIdf.TryGetValue(usingName, out var useIdf))
                throw _dense.ContainsKey(usingName) ? QdrantRejection.WrongInput($"Vector {usingName} is not a sparse vector") : NotExistingVector(usingName);
            return new NearestQuery(usingName, Distance.Dot, null, useIdf ? WithIdf(usingName, sparse) : sparse);
        }

        throw QdrantRejection.Unsupported($"the query vector {input.VariantCase} at {path}");
    }

    /// <summary>Multiplies each query weight by Qdrant's IDF of its index over the points holding this sparse vector.</summary>
    private StoredSparse WithIdf(string name, StoredSparse query)
    {
        var holders = _points.Values.Where(p => p.Sparse.ContainsKey(name)).Select(p => p.Sparse[name]).ToList();
        var weights = new float[query.Values.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var index = query.Indices[i];
            var documentFrequency = holders.Count(vector => vector.ValueAt(index) is { } value && value != 0);
            weights[i] = query.Values[i] * FakeQdrantScoring.Idf(holders.Count, documentFrequency);
        }

        return new StoredSparse(query.Indices, weights);
    }

    private static IEnumerable<Ranked> Score(IEnumerable<StoredPoint> candidates, NearestQuery query)
    {
        // A point lacking the queried vector is no candidate; a sparse vector sharing no index with the query neither.
        foreach (var point in candidates)
        {
            if (query.Dense is { } dense && point.Dense.TryGetValue(query.Using, out var stored))
                yield return new Ranked(point, FakeQdrantScoring.Dense(query.Distance, stored, dense));
            else if (query.Sparse is { } sparse && point.Sparse.TryGetValue(query.Using, out var storedSparse) && FakeQdrantScoring.SparseDot(storedSparse, sparse) is { } score)
                yield return new Ranked(point, score);
        }
    }

    /// <summary>One level of a query: the top request or a prefetch, which share these fields.</summary>
    private sealed record Stage(IReadOnlyList<PrefetchQuery> Prefetch, Query? Query, string Using, Filter? Filter, float? ScoreThreshold);

    private sealed record NearestQuery(string Using, Distance Distance, float[]? Dense, StoredSparse? Sparse);

    private sealed record RrfParameters(int K, float[]? Weights);

    private sealed record QueryPlan(NearestQuery? Nearest, RrfParameters? Fusion)
    {
        public static readonly QueryPlan None = new(null, null);

        public bool IsEmpty => Nearest is null && Fusion is null;
    }
}
