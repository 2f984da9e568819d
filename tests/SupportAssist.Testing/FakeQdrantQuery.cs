using System.Text.Json.Nodes;

namespace SupportAssist.Testing;

internal sealed partial class FakeQdrantCollection
{
    // Qdrant's default RRF constant (DEFAULT_RRF_K in lib/segment/src/common/reciprocal_rank_fusion.rs).
    private const int DefaultRrfK = 2;

    /// <summary>POST /points/query: the subset of the Query API we use (nearest dense/sparse, prefetch, RRF).</summary>
    public JsonObject Query(JsonObject request)
    {
        RefuseUnsupported(request, "lookup_from", "shard_key");
        var limit = QdrantJson.PositiveInt(request["limit"], "limit") ?? DefaultLimit;
        var offset = QdrantJson.NonNegativeInt(request["offset"], "offset") ?? 0;
        var ranked = Evaluate(request, static _ => true, limit + offset, "");

        var points = new JsonArray();
        foreach (var hit in ranked.Skip(offset))
        {
            var scored = new JsonObject { ["id"] = hit.Point.Id.ToJson(), ["version"] = hit.Point.Version, ["score"] = hit.Score };
            AddPayloadAndVectors(scored, hit.Point, request["with_payload"], request["with_vector"], payloadByDefault: false);
            points.Add(scored);
        }

        return new JsonObject { ["points"] = points };
    }

    private List<Ranked> Evaluate(JsonObject request, Func<StoredPoint, bool> inherited, int limit, string path)
    {
        // Qdrant ANDs every ancestor's filter into each prefetch (qdrant/qdrant#4427), so fused lists only hold eligible points.
        var own = QdrantFilter.Compile(request["filter"], Field(path, "filter"));
        bool Eligible(StoredPoint point) => inherited(point) && own(point);

        var prefetches = request["prefetch"] switch
        {
            null => [],
            JsonObject single => [single],
            JsonArray many => many.Select((p, i) => p as JsonObject ?? throw QdrantRejection.Format($"{Field(path, "prefetch")}[{i}]: expected struct Prefetch")).ToList(),
            _ => throw QdrantRejection.Format($"{Field(path, "prefetch")}: expected struct Prefetch or a list of them"),
        };
        var plan = ParseQuery(request, path);
        var threshold = QdrantJson.OptionalFloat(request["score_threshold"], Field(path, "score_threshold"));

        // Qdrant's own request checks (CollectionQueryRequest::validation), in its words.
        if (prefetches.Count > 0 && plan.IsEmpty)
        {
            throw QdrantRejection.BadRequest("A query is needed to merge the prefetches. Can't have prefetches without defining a query.");
        }

        if (threshold is not null && plan.IsEmpty)
        {
            throw QdrantRejection.BadRequest("A query is needed to use the score_threshold. Can't have score_threshold without defining a query.");
        }

        if (plan.Fusion is not null && request["using"] is not null)
        {
            throw QdrantRejection.BadRequest("Fusion queries cannot be combined with the 'using' field.");
        }

        if (plan.Fusion is not null && prefetches.Count == 0)
        {
            throw QdrantRejection.BadRequest("cannot apply Fusion without prefetches");
        }

        List<List<Ranked>> Sources() => [.. prefetches.Select((prefetch, i) =>
            Evaluate(prefetch, Eligible, QdrantJson.PositiveInt(prefetch["limit"], $"{Field(path, "prefetch")}[{i}].limit") ?? DefaultLimit, $"{Field(path, "prefetch")}[{i}]"))];

        IEnumerable<Ranked> ranked;
        var smallerIsBetter = false;
        if (plan.Fusion is { } fusion)
        {
            ranked = QdrantScoring.ReciprocalRankFusion(Sources(), fusion.K, fusion.Weights);
        }
        else if (plan.Nearest is { } nearest)
        {
            // With prefetches, the nearest query rescores their union; without, it scans the collection.
            var candidates = prefetches.Count == 0
                ? _points.Values.Where(Eligible)
                : Sources().SelectMany(source => source).Select(hit => hit.Point).DistinctBy(point => point.Id);
            ranked = Score(candidates, nearest);
            smallerIsBetter = nearest.Distance is "Euclid" or "Manhattan";
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
            .Where(hit => threshold is not { } t || (smallerIsBetter ? hit.Score <= t : hit.Score >= t))
            .Take(limit)];
    }

    private QueryPlan ParseQuery(JsonObject request, string path)
    {
        var usingName = request["using"] is { } name ? QdrantJson.String(name, Field(path, "using")) : "";
        var queryPath = Field(path, "query");
        return request["query"] switch
        {
            null => QueryPlan.None,
            JsonArray vector => new QueryPlan(Nearest(usingName, vector, queryPath), null),
            JsonObject sparse when sparse.ContainsKey("indices") => new QueryPlan(Nearest(usingName, sparse, queryPath), null),
            JsonObject nearest when nearest.ContainsKey("nearest") => nearest["mmr"] is null
                ? new QueryPlan(Nearest(usingName, nearest["nearest"], $"{queryPath}.nearest"), null)
                : throw QdrantRejection.Unsupported("MMR"),
            JsonObject fusion when fusion.ContainsKey("fusion") => QdrantJson.String(fusion["fusion"], $"{queryPath}.fusion") switch
            {
                "rrf" => new QueryPlan(null, new RrfParameters(DefaultRrfK, null)),
                "dbsf" => throw QdrantRejection.Unsupported("DBSF fusion"),
                var other => throw QdrantRejection.Format($"{queryPath}.fusion: unknown variant `{other}`, expected `rrf` or `dbsf`"),
            },
            JsonObject rrf when rrf.ContainsKey("rrf") => new QueryPlan(null, new RrfParameters(
                QdrantJson.PositiveInt(rrf["rrf"]?["k"], $"{queryPath}.rrf.k") ?? DefaultRrfK,
                rrf["rrf"]?["weights"] is JsonArray weights ? QdrantJson.Floats(weights, $"{queryPath}.rrf.weights") : null)),
            JsonValue => throw QdrantRejection.Unsupported("querying by point id"),
            var other => throw QdrantRejection.Unsupported($"the query {other.ToJsonString()}"),
        };
    }

    private NearestQuery Nearest(string usingName, JsonNode? node, string path)
    {
        if (node is JsonArray numbers)
        {
            var vector = QdrantJson.Floats(numbers, path);
            if (!_dense.TryGetValue(usingName, out var config))
            {
                throw _sparseUsesIdf.ContainsKey(usingName) ? QdrantRejection.WrongInput($"Vector {usingName} is a sparse vector") : NotExistingVector(usingName);
            }

            if (vector.Length != config.Size)
            {
                throw DimensionError(config.Size, vector.Length);
            }

            // Qdrant preprocesses the query like stored vectors: normalised for Cosine.
            return new NearestQuery(usingName, config.Distance, config.Distance == "Cosine" ? QdrantScoring.Normalize(vector) : vector, null);
        }

        if (node is JsonObject sparseNode && sparseNode.ContainsKey("indices"))
        {
            var sparse = SparseVector.Parse(sparseNode, path);
            if (!_sparseUsesIdf.TryGetValue(usingName, out var useIdf))
            {
                throw _dense.ContainsKey(usingName) ? QdrantRejection.WrongInput($"Vector {usingName} is not a sparse vector") : NotExistingVector(usingName);
            }

            return new NearestQuery(usingName, "Dot", null, useIdf ? WithIdf(usingName, sparse) : sparse);
        }

        throw QdrantRejection.Unsupported($"the query vector {node?.ToJsonString() ?? "null"}");
    }

    /// <summary>Multiplies each query weight by Qdrant's IDF of its index over the points holding this sparse vector.</summary>
    private SparseVector WithIdf(string name, SparseVector query)
    {
        var holders = _points.Values.Where(p => p.Sparse.ContainsKey(name)).Select(p => p.Sparse[name]).ToList();
        var weights = new float[query.Values.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var index = query.Indices[i];
            var documentFrequency = holders.Count(vector => vector.ValueAt(index) is { } value && value != 0);
            weights[i] = query.Values[i] * QdrantScoring.Idf(holders.Count, documentFrequency);
        }

        return new SparseVector(query.Indices, weights);
    }

    private static IEnumerable<Ranked> Score(IEnumerable<StoredPoint> candidates, NearestQuery query)
    {
        // A point lacking the queried vector is no candidate; a sparse vector sharing no index with the query neither.
        foreach (var point in candidates)
        {
            if (query.Dense is { } dense && point.Dense.TryGetValue(query.Using, out var stored))
            {
                yield return new Ranked(point, QdrantScoring.Dense(query.Distance, stored, dense));
            }
            else if (query.Sparse is { } sparse && point.Sparse.TryGetValue(query.Using, out var storedSparse)
                && QdrantScoring.SparseDot(storedSparse, sparse) is { } score)
            {
                yield return new Ranked(point, score);
            }
        }
    }

    private static string Field(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private sealed record NearestQuery(string Using, string Distance, float[]? Dense, SparseVector? Sparse);

    private sealed record RrfParameters(int K, float[]? Weights);

    private sealed record QueryPlan(NearestQuery? Nearest, RrfParameters? Fusion)
    {
        public static readonly QueryPlan None = new(null, null);

        public bool IsEmpty => Nearest is null && Fusion is null;
    }
}
