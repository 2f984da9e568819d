using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAssist.Testing;

/// <summary>
/// One Qdrant collection held in memory: configuration, points and payload indexes, with the point,
/// scroll, count and Query API semantics of Qdrant 1.19. Not thread-safe: <see cref="FakeQdrantServer"/> locks around it.
/// </summary>
internal sealed class FakeQdrantCollection
{
    // Qdrant's default RRF constant (DEFAULT_RRF_K in lib/segment/src/common/reciprocal_rank_fusion.rs).
    private const int DefaultRrfK = 2;
    private const int DefaultLimit = 10;
    private static readonly string[] Distances = ["Cosine", "Euclid", "Dot", "Manhattan"];
    private static readonly string[] IndexTypes = ["keyword", "integer", "float", "geo", "text", "bool", "datetime", "uuid"];

    private readonly Dictionary<string, DenseVectorParams> _dense;
    private readonly Dictionary<string, bool> _sparseUsesIdf;
    private readonly JsonObject _config;
    private readonly SortedDictionary<PointId, StoredPoint> _points = new(PointIdOrder.Instance);
    private readonly SortedDictionary<string, JsonNode?> _payloadIndexes = new(StringComparer.Ordinal);
    private ulong _nextOperationId;

    private FakeQdrantCollection(Dictionary<string, DenseVectorParams> dense, Dictionary<string, bool> sparseUsesIdf, JsonObject config)
    {
        _dense = dense;
        _sparseUsesIdf = sparseUsesIdf;
        _config = config;
    }

    public int PointCount => _points.Count;

    public IReadOnlyCollection<string> PayloadIndexNames => [.. _payloadIndexes.Keys];

    /// <summary>Builds a collection from a CreateCollection body, refusing what Qdrant refuses.</summary>
    public static FakeQdrantCollection Create(JsonObject body)
    {
        var dense = new Dictionary<string, DenseVectorParams>(StringComparer.Ordinal);
        JsonNode vectorsEcho;
        switch (body["vectors"])
        {
            case null:
                vectorsEcho = new JsonObject();
                break;
            case JsonObject single when single.ContainsKey("size"):
                // The single-vector form is Qdrant's unnamed default vector, named "".
                dense[""] = DenseVectorParams.Parse(single, "vectors");
                vectorsEcho = single.DeepClone();
                break;
            case JsonObject named:
                foreach (var (name, node) in named)
                {
                    dense[name] = DenseVectorParams.Parse(node as JsonObject ?? throw QdrantRejection.Format($"vectors.{name}: expected struct VectorParams"), $"vectors.{name}");
                }

                vectorsEcho = named.DeepClone();
                break;
            default:
                throw QdrantRejection.Format("vectors: data did not match any variant of untagged enum VectorsConfig");
        }

        var sparse = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (body["sparse_vectors"] is JsonObject sparseConfig)
        {
            foreach (var (name, node) in sparseConfig)
            {
                sparse[name] = node?["modifier"] switch
                {
                    null => false,
                    var modifier => QdrantJson.String(modifier, $"sparse_vectors.{name}.modifier") switch
                    {
                        "idf" => true,
                        "none" => false,
                        var other => throw QdrantRejection.Format($"sparse_vectors.{name}.modifier: unknown variant `{other}`, expected `none` or `idf`"),
                    },
                };
                if (dense.ContainsKey(name))
                {
                    throw QdrantRejection.WrongInput($"Vector name `{name}` is used for both dense and sparse vectors");
                }
            }
        }

        var parameters = new JsonObject
        {
            ["vectors"] = vectorsEcho,
            ["shard_number"] = body["shard_number"]?.DeepClone() ?? 1,
            ["replication_factor"] = body["replication_factor"]?.DeepClone() ?? 1,
            ["write_consistency_factor"] = body["write_consistency_factor"]?.DeepClone() ?? 1,
            ["on_disk_payload"] = body["on_disk_payload"]?.DeepClone() ?? true,
        };
        if (body["sparse_vectors"] is JsonObject sparseEcho)
        {
            parameters["sparse_vectors"] = sparseEcho.DeepClone();
        }

        // Qdrant answers the effective configuration: its defaults with the request's diffs applied.
        var config = new JsonObject
        {
            ["params"] = parameters,
            ["hnsw_config"] = Merge(new JsonObject { ["m"] = 16, ["ef_construct"] = 100, ["full_scan_threshold"] = 10000, ["max_indexing_threads"] = 0, ["on_disk"] = false }, body["hnsw_config"]),
            ["optimizer_config"] = Merge(new JsonObject { ["deleted_threshold"] = 0.2, ["vacuum_min_vector_number"] = 1000, ["default_segment_number"] = 0, ["max_segment_size"] = null, ["memmap_threshold"] = null, ["indexing_threshold"] = 10000, ["flush_interval_sec"] = 5, ["max_optimization_threads"] = null }, body["optimizers_config"]),
            ["wal_config"] = Merge(new JsonObject { ["wal_capacity_mb"] = 32, ["wal_segments_ahead"] = 0 }, body["wal_config"]),
            ["quantization_config"] = body["quantization_config"]?.DeepClone(),
        };
        if (body["metadata"] is JsonObject metadata)
        {
            config["metadata"] = metadata.DeepClone();
        }

        return new FakeQdrantCollection(dense, sparse, config);
    }

    /// <summary>The CollectionInfo GET /collections/{name} answers.</summary>
    public JsonObject Info()
    {
        var schema = new JsonObject();
        foreach (var (field, fieldSchema) in _payloadIndexes)
        {
            var holders = _points.Values.Where(p => QdrantFilter.PayloadValues(p.Payload, field).Count > 0).ToList();
            var type = fieldSchema switch
            {
                JsonObject typed => typed["type"]?.GetValue<string>() ?? "keyword",
                JsonValue named => named.GetValue<string>(),
                _ => InferIndexType(holders.SelectMany(p => QdrantFilter.PayloadValues(p.Payload, field)).FirstOrDefault()),
            };
            var info = new JsonObject { ["data_type"] = type, ["points"] = holders.Count };
            if (fieldSchema is JsonObject parameters)
            {
                info["params"] = parameters.DeepClone();
            }

            schema[field] = info;
        }

        return new JsonObject
        {
            ["status"] = "green",
            ["optimizer_status"] = "ok",
            ["indexed_vectors_count"] = 0,
            ["points_count"] = _points.Count,
            ["segments_count"] = 1,
            ["config"] = _config.DeepClone(),
            ["payload_schema"] = schema,
        };
    }

    /// <summary>PUT /points: every point is checked before any is written, and each replaces any point with its id.</summary>
    public JsonObject Upsert(JsonObject body, bool wait)
    {
        RefuseUnsupported(body, "shard_key", "update_filter", "update_mode");
        var incoming = body.ContainsKey("batch") ? PointsOfBatch(body["batch"]) : PointsOfList(body["points"]);
        var points = incoming.Select((point, index) => ParsePoint(point.Id, point.Vector, point.Payload, $"points[{index}]")).ToList();

        var operation = _nextOperationId++;
        foreach (var point in points)
        {
            _points[point.Id] = point with { Version = operation };
        }

        return UpdateResult(operation, wait);
    }

    /// <summary>POST /points/delete with a list of ids or a filter.</summary>
    public JsonObject Delete(JsonObject body, bool wait)
    {
        RefuseUnsupported(body, "shard_key");
        List<PointId> doomed;
        if (body["points"] is JsonArray ids)
        {
            doomed = [.. ids.Select((id, index) => PointId.Parse(id, $"points[{index}]"))];
        }
        else if (body["filter"] is JsonObject)
        {
            var filter = QdrantFilter.Compile(body["filter"], "filter");
            doomed = [.. _points.Values.Where(filter).Select(p => p.Id)];
        }
        else
        {
            throw QdrantRejection.Format("data did not match any variant of untagged enum PointsSelector");
        }

        var operation = _nextOperationId++;
        foreach (var id in doomed)
        {
            _points.Remove(id);
        }

        return UpdateResult(operation, wait);
    }

    /// <summary>PUT /index: recorded so tests can see which payload fields were indexed; filtering never needs it here.</summary>
    public JsonObject CreatePayloadIndex(JsonObject body, bool wait)
    {
        var field = body["field_name"] is { } name ? QdrantJson.String(name, "field_name") : throw QdrantRejection.Format("missing field `field_name`");
        var schema = body["field_schema"];
        var type = schema switch
        {
            null => null,
            JsonObject typed => typed["type"] is { } typeNode ? QdrantJson.String(typeNode, "field_schema.type") : throw QdrantRejection.Format("field_schema: missing field `type`"),
            _ => QdrantJson.String(schema, "field_schema"),
        };
        if (type is not null && !IndexTypes.Contains(type))
        {
            throw QdrantRejection.Format($"field_schema: unknown variant `{type}`, expected one of {string.Join(", ", IndexTypes.Select(t => $"`{t}`"))}");
        }

        _payloadIndexes[field] = schema?.DeepClone();
        return UpdateResult(_nextOperationId++, wait);
    }

    /// <summary>POST /points/scroll: points in id order from <c>offset</c> (inclusive), and the id the next page starts at.</summary>
    public JsonObject Scroll(JsonObject body)
    {
        RefuseUnsupported(body, "order_by", "shard_key");
        var limit = QdrantJson.PositiveInt(body["limit"], "limit") ?? DefaultLimit;
        var filter = QdrantFilter.Compile(body["filter"], "filter");
        PointId? offset = body["offset"] is { } start ? PointId.Parse(start, "offset") : null;

        var page = _points.Values
            .Where(p => offset is null || PointIdOrder.Instance.Compare(p.Id, offset.Value) >= 0)
            .Where(filter)
            .Take(limit + 1)
            .ToList();
        var records = new JsonArray();
        foreach (var point in page.Take(limit))
        {
            records.Add(RecordJson(point, body["with_payload"], body["with_vector"], payloadByDefault: true));
        }

        return new JsonObject
        {
            ["points"] = records,
            ["next_page_offset"] = page.Count > limit ? page[limit].Id.ToJson() : null,
        };
    }

    /// <summary>POST /points/count.</summary>
    public JsonObject Count(JsonObject body)
    {
        RefuseUnsupported(body, "shard_key");
        var filter = QdrantFilter.Compile(body["filter"], "filter");
        return new JsonObject { ["count"] = _points.Values.Count(filter) };
    }

    /// <summary>POST /points: the requested points that exist, in the order asked.</summary>
    public JsonArray Retrieve(JsonObject body)
    {
        var ids = body["ids"] as JsonArray ?? throw QdrantRejection.Format("missing field `ids`");
        var records = new JsonArray();
        foreach (var id in ids.Select((id, index) => PointId.Parse(id, $"ids[{index}]")).Distinct())
        {
            if (_points.TryGetValue(id, out var point))
            {
                records.Add(RecordJson(point, body["with_payload"], body["with_vector"], payloadByDefault: true));
            }
        }

        return records;
    }

    /// <summary>GET /points/{id}, with payload and vectors as Qdrant answers it.</summary>
    public JsonObject Get(PointId id) =>
        _points.TryGetValue(id, out var point)
            ? RecordJson(point, JsonValue.Create(true), JsonValue.Create(true), payloadByDefault: true)
            : throw QdrantRejection.NotFound($"No point with id {id} found");

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

    private StoredPoint ParsePoint(JsonNode? idNode, JsonNode? vectorNode, JsonNode? payloadNode, string path)
    {
        var id = PointId.Parse(idNode, $"{path}.id");
        var dense = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var sparse = new Dictionary<string, SparseVector>(StringComparer.Ordinal);
        switch (vectorNode)
        {
            case JsonArray unnamed:
                AddVector("", unnamed, $"{path}.vector");
                break;
            case JsonObject named:
                foreach (var (name, node) in named)
                {
                    AddVector(name, node, $"{path}.vector.{name}");
                }

                break;
            default:
                throw QdrantRejection.Format($"{path}.vector: data did not match any variant of untagged enum VectorStruct");
        }

        var payload = payloadNode switch
        {
            null => [],
            JsonObject given => (JsonObject)given.DeepClone(),
            _ => throw QdrantRejection.Format($"{path}.payload: invalid type, expected a map"),
        };
        return new StoredPoint(id, 0, dense, sparse, payload);

        void AddVector(string name, JsonNode? node, string vectorPath)
        {
            if (node is JsonArray numbers)
            {
                var values = QdrantJson.Floats(numbers, vectorPath);
                if (!_dense.TryGetValue(name, out var config))
                {
                    throw _sparseUsesIdf.ContainsKey(name) ? QdrantRejection.WrongInput("Conversion between sparse and regular vectors failed") : NotExistingVector(name);
                }

                if (values.Length != config.Size)
                {
                    throw DimensionError(config.Size, values.Length);
                }

                // Qdrant stores Cosine vectors normalised and then scores them by dot product.
                dense[name] = config.Distance == "Cosine" ? QdrantScoring.Normalize(values) : values;
            }
            else if (node is JsonObject sparseNode && sparseNode.ContainsKey("indices"))
            {
                var vector = SparseVector.Parse(sparseNode, vectorPath);
                if (!_sparseUsesIdf.ContainsKey(name))
                {
                    throw _dense.ContainsKey(name) ? QdrantRejection.WrongInput("Conversion between sparse and regular vectors failed") : NotExistingVector(name);
                }

                sparse[name] = vector;
            }
            else
            {
                throw QdrantRejection.Unsupported($"the vector at {vectorPath} (multivectors and inference objects)");
            }
        }
    }

    private static List<(JsonNode? Id, JsonNode? Vector, JsonNode? Payload)> PointsOfList(JsonNode? points)
    {
        if (points is not JsonArray list)
        {
            throw QdrantRejection.Format("data did not match any variant of untagged enum PointInsertOperations");
        }

        return [.. list.Select((node, index) => node is JsonObject point && point.ContainsKey("id") && point.ContainsKey("vector")
            ? (point["id"], point["vector"], point["payload"])
            : throw QdrantRejection.Format($"points[{index}]: missing field `id` or `vector`"))];
    }

    private static List<(JsonNode? Id, JsonNode? Vector, JsonNode? Payload)> PointsOfBatch(JsonNode? batchNode)
    {
        var batch = batchNode as JsonObject ?? throw QdrantRejection.Format("batch: invalid type, expected struct Batch");
        var ids = batch["ids"] as JsonArray ?? throw QdrantRejection.Format("batch: missing field `ids`");
        var payloads = batch["payloads"] as JsonArray;
        var vectors = batch["vectors"] switch
        {
            JsonArray unnamed => unnamed.Select(v => (JsonNode?)v?.DeepClone()).ToList(),
            JsonObject named => [.. Enumerable.Range(0, ids.Count).Select(i =>
            {
                var point = new JsonObject();
                foreach (var (name, list) in named)
                {
                    point[name] = (list as JsonArray)?.ElementAtOrDefault(i)?.DeepClone();
                }

                return (JsonNode?)point;
            })],
            _ => throw QdrantRejection.Format("batch: missing field `vectors`"),
        };
        if (vectors.Count != ids.Count)
        {
            throw QdrantRejection.Validation("batch.batch", $"number of ids and vectors must be equal ({ids.Count} != {vectors.Count})");
        }

        return [.. ids.Select((id, i) => (id, vectors[i], payloads?.ElementAtOrDefault(i)))];
    }

    private static JsonObject RecordJson(StoredPoint point, JsonNode? withPayload, JsonNode? withVector, bool payloadByDefault)
    {
        var record = new JsonObject { ["id"] = point.Id.ToJson() };
        AddPayloadAndVectors(record, point, withPayload, withVector, payloadByDefault);
        return record;
    }

    private static void AddPayloadAndVectors(JsonObject target, StoredPoint point, JsonNode? withPayload, JsonNode? withVector, bool payloadByDefault)
    {
        // Recent Qdrant versions leave out "payload" and "vector" when they were not asked for.
        if (SelectPayload(point.Payload, withPayload, payloadByDefault) is { } payload)
        {
            target["payload"] = payload;
        }

        if (SelectVectors(point, withVector) is { } vectors)
        {
            target["vector"] = vectors;
        }
    }

    private static JsonObject? SelectPayload(JsonObject payload, JsonNode? selector, bool byDefault)
    {
        return selector switch
        {
            null => byDefault ? Copy(_ => true) : null,
            JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => flag.GetValue<bool>() ? Copy(_ => true) : null,
            JsonArray fields => Copy(Names(fields).Contains),
            JsonObject { } include when include["include"] is JsonArray fields => Copy(Names(fields).Contains),
            JsonObject { } exclude when exclude["exclude"] is JsonArray fields => Copy(key => !Names(fields).Contains(key)),
            _ => throw QdrantRejection.Format("with_payload: data did not match any variant of untagged enum WithPayloadInterface"),
        };

        JsonObject Copy(Func<string, bool> keep) => new(payload.Where(p => keep(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        static HashSet<string> Names(JsonArray fields) => [.. fields.Select(f => QdrantJson.String(f, "with_payload"))];
    }

    private static JsonNode? SelectVectors(StoredPoint point, JsonNode? selector)
    {
        var all = point.Dense.Keys.Concat(point.Sparse.Keys);
        var names = selector switch
        {
            null => null,
            JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => flag.GetValue<bool>() ? all.ToHashSet() : null,
            JsonArray wanted => wanted.Select(n => QdrantJson.String(n, "with_vector")).ToHashSet(),
            _ => throw QdrantRejection.Format("with_vector: data did not match any variant of untagged enum WithVector"),
        };
        if (names is null)
        {
            return null;
        }

        // The unnamed default vector comes back as a bare array, named ones as a map.
        if (point.Dense.Count == 1 && point.Sparse.Count == 0 && point.Dense.TryGetValue("", out var only))
        {
            return names.Contains("") ? QdrantJson.Array(only) : null;
        }

        var vectors = new JsonObject();
        foreach (var (name, vector) in point.Dense.Where(v => names.Contains(v.Key)))
        {
            vectors[name] = QdrantJson.Array(vector);
        }

        foreach (var (name, vector) in point.Sparse.Where(v => names.Contains(v.Key)))
        {
            vectors[name] = new JsonObject { ["indices"] = new JsonArray([.. vector.Indices.Select(i => (JsonNode)i)]), ["values"] = QdrantJson.Array(vector.Values) };
        }

        return vectors;
    }

    private static void RefuseUnsupported(JsonObject body, params string[] fields)
    {
        if (fields.FirstOrDefault(f => body[f] is not null) is { } field)
        {
            throw QdrantRejection.Unsupported($"`{field}`");
        }
    }

    private static JsonObject UpdateResult(ulong operation, bool wait) =>
        new() { ["operation_id"] = operation, ["status"] = wait ? "completed" : "acknowledged" };

    private static JsonObject Merge(JsonObject defaults, JsonNode? diff)
    {
        if (diff is JsonObject changes)
        {
            foreach (var (key, value) in changes)
            {
                defaults[key] = value?.DeepClone();
            }
        }

        return defaults;
    }

    private static string InferIndexType(JsonNode? sample) => sample switch
    {
        JsonValue number when number.GetValueKind() == JsonValueKind.Number => number.TryGetValue<long>(out _) ? "integer" : "float",
        JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "keyword",
    };

    private static string Field(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static QdrantRejection NotExistingVector(string name) => QdrantRejection.WrongInput($"Not existing vector name error: {name}");

    private static QdrantRejection DimensionError(int expected, int got) =>
        QdrantRejection.WrongInput(string.Create(CultureInfo.InvariantCulture, $"Vector dimension error: expected dim: {expected}, got {got}"));

    private sealed record DenseVectorParams(int Size, string Distance)
    {
        public static DenseVectorParams Parse(JsonObject node, string path)
        {
            if (node["multivector_config"] is not null)
            {
                throw QdrantRejection.Unsupported("multivectors");
            }

            var size = QdrantJson.NonNegativeInt(node["size"], $"{path}.size") ?? throw QdrantRejection.Format($"{path}: missing field `size`");
            if (size < 1)
            {
                throw QdrantRejection.Validation($"{path}.size", "value 0 invalid, must be 1 or larger");
            }

            var distance = QdrantJson.String(node["distance"] ?? throw QdrantRejection.Format($"{path}: missing field `distance`"), $"{path}.distance");
            return Distances.Contains(distance)
                ? new DenseVectorParams(size, distance)
                : throw QdrantRejection.Format($"{path}.distance: unknown variant `{distance}`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`");
        }
    }

    private sealed record NearestQuery(string Using, string Distance, float[]? Dense, SparseVector? Sparse);

    private sealed record RrfParameters(int K, float[]? Weights);

    private sealed record QueryPlan(NearestQuery? Nearest, RrfParameters? Fusion)
    {
        public static readonly QueryPlan None = new(null, null);

        public bool IsEmpty => Nearest is null && Fusion is null;
    }
}

/// <summary>A point as stored: Cosine vectors already normalised, <see cref="Version"/> the operation that last wrote it.</summary>
internal sealed record StoredPoint(PointId Id, ulong Version, IReadOnlyDictionary<string, float[]> Dense, IReadOnlyDictionary<string, SparseVector> Sparse, JsonObject Payload);

/// <summary>A point with its score for one query or fusion.</summary>
internal sealed record Ranked(StoredPoint Point, float Score);

/// <summary>A sparse vector; Qdrant requires unique indices and as many values as indices.</summary>
internal sealed record SparseVector(uint[] Indices, float[] Values)
{
    public static SparseVector Parse(JsonObject node, string path)
    {
        var indices = node["indices"] as JsonArray ?? throw QdrantRejection.Format($"{path}: missing field `indices`");
        var values = node["values"] as JsonArray ?? throw QdrantRejection.Format($"{path}: missing field `values`");
        var parsedIndices = indices.Select((n, i) => n is JsonValue v && v.TryGetValue<uint>(out var index)
            ? index
            : throw QdrantRejection.Format($"{path}.indices[{i}]: invalid value, expected u32")).ToArray();

        // Qdrant checks these while deserialising, so they answer 422 like its other validation errors.
        if (parsedIndices.Length != values.Count)
        {
            throw QdrantRejection.Validation($"{path}.values", "must be the same length as indices");
        }

        if (parsedIndices.Distinct().Count() != parsedIndices.Length)
        {
            throw QdrantRejection.Validation($"{path}.indices", "must be unique");
        }

        return new SparseVector(parsedIndices, QdrantJson.Floats(values, $"{path}.values"));
    }

    public float? ValueAt(uint index)
    {
        var position = Array.IndexOf(Indices, index);
        return position < 0 ? null : Values[position];
    }
}

/// <summary>Qdrant's point id: an unsigned integer or a UUID.</summary>
internal readonly record struct PointId(ulong Number, Guid? Uuid)
{
    public static PointId Parse(JsonNode? node, string path)
    {
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<ulong>(out var number))
            {
                return new PointId(number, null);
            }

            if (value.GetValueKind() == JsonValueKind.String && Guid.TryParse(value.GetValue<string>(), out var uuid))
            {
                return new PointId(0, uuid);
            }
        }

        throw QdrantRejection.Format($"{path}: value {node?.ToJsonString() ?? "null"} is not a valid point ID, valid values are either an unsigned integer or a UUID");
    }

    public JsonNode ToJson() => Uuid is { } uuid ? JsonValue.Create(uuid.ToString("D")) : JsonValue.Create(Number);

    public override string ToString() => Uuid is { } uuid ? uuid.ToString("D") : Number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Qdrant's id order (the derived order of its ExtendedPointId enum): every integer before every UUID, UUIDs by their bytes.</summary>
internal sealed class PointIdOrder : IComparer<PointId>
{
    public static readonly PointIdOrder Instance = new();

    public int Compare(PointId x, PointId y) => (x.Uuid, y.Uuid) switch
    {
        (null, null) => x.Number.CompareTo(y.Number),
        (null, _) => -1,
        (_, null) => 1,
        // The lowercase "D" form orders exactly like the UUID's big-endian bytes.
        ({ } a, { } b) => string.CompareOrdinal(a.ToString("D"), b.ToString("D")),
    };
}

/// <summary>Qdrant's scoring functions, in single precision as Qdrant computes them.</summary>
internal static class QdrantScoring
{
    /// <summary>
    /// Qdrant's IDF (docs: concepts/indexing "IDF Modifier"; source: fancy_idf in lib/segment/src/data_types/query_context.rs):
    /// ln((N - n + 0.5) / (n + 0.5) + 1), N = points holding this sparse vector, n = those with a value at the index.
    /// </summary>
    public static float Idf(int holders, int documentFrequency) =>
        MathF.Log(((holders - documentFrequency) + 0.5f) / (documentFrequency + 0.5f) + 1f);

    /// <summary>Qdrant's cosine preprocessing: divide by the norm, leaving a (near) zero vector as it is.</summary>
    public static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        return norm < float.Epsilon ? vector : [.. vector.Select(v => v / norm)];
    }

    public static float Dense(string distance, float[] stored, float[] query) => distance switch
    {
        "Cosine" or "Dot" => Dot(stored, query),
        "Euclid" => MathF.Sqrt(stored.Zip(query, (a, b) => (a - b) * (a - b)).Sum()),
        "Manhattan" => stored.Zip(query, (a, b) => MathF.Abs(a - b)).Sum(),
        _ => throw new InvalidOperationException($"Unknown distance {distance}"),
    };

    /// <summary>Dot product over shared indices; null when they share none (Qdrant's score_vectors returns None then).</summary>
    public static float? SparseDot(SparseVector stored, SparseVector query)
    {
        float? score = null;
        for (var i = 0; i < query.Indices.Length; i++)
        {
            if (stored.ValueAt(query.Indices[i]) is { } value)
            {
                score = (score ?? 0) + (value * query.Values[i]);
            }
        }

        return score;
    }

    /// <summary>
    /// Qdrant's weighted RRF (lib/segment/src/common/reciprocal_rank_fusion.rs; docs: concepts/hybrid-queries):
    /// each source adds 1 / ((position + 1) / weight + k - 1) with 0-based positions, i.e. 1 / (position + k) at weight 1; k defaults to 2.
    /// </summary>
    public static IEnumerable<Ranked> ReciprocalRankFusion(IReadOnlyList<IReadOnlyList<Ranked>> sources, int k, float[]? weights)
    {
        if (weights is not null && weights.Length != sources.Count)
        {
            throw QdrantRejection.WrongInput($"Number of weights in RRF should match number of pre-fetches: got {weights.Length}, expected {sources.Count}");
        }

        var fused = new Dictionary<PointId, Ranked>();
        for (var source = 0; source < sources.Count; source++)
        {
            var weight = weights?[source] ?? 1f;
            for (var position = 0; position < sources[source].Count; position++)
            {
                var point = sources[source][position].Point;
                var contribution = weight <= 0 ? 0f : 1f / (((position + 1) / weight) + k - 1f);
                fused[point.Id] = new Ranked(point, (fused.TryGetValue(point.Id, out var sum) ? sum.Score : 0f) + contribution);
            }
        }

        return fused.Values;
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

/// <summary>Qdrant's payload filters compiled to predicates: must / should / must_not / min_should, nested filters, field conditions.</summary>
internal static class QdrantFilter
{
    private static readonly string[] FilterKeys = ["must", "should", "must_not", "min_should"];

    public static Func<StoredPoint, bool> Compile(JsonNode? filter, string path) => filter switch
    {
        null => static _ => true,
        JsonObject clauses => CompileFilter(clauses, path),
        _ => throw QdrantRejection.Format($"{path}: invalid type, expected struct Filter"),
    };

    /// <summary>The values at a payload key ("a.b", "a[].b"), arrays flattened as Qdrant does; an explicit null is kept as null.</summary>
    public static List<JsonNode?> PayloadValues(JsonObject payload, string key)
    {
        List<JsonNode?> current = [payload];
        foreach (var segment in key.Split('.'))
        {
            var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
            var next = new List<JsonNode?>();
            foreach (var node in Flatten(current).OfType<JsonObject>())
            {
                if (node.TryGetPropertyValue(name, out var child))
                {
                    next.Add(child);
                }
            }

            current = next;
        }

        return [.. Flatten(current)];

        static IEnumerable<JsonNode?> Flatten(IEnumerable<JsonNode?> nodes) =>
            nodes.SelectMany(node => node is JsonArray array ? array.AsEnumerable() : [node]);
    }

    private static Func<StoredPoint, bool> CompileFilter(JsonObject filter, string path)
    {
        if (filter.Select(p => p.Key).FirstOrDefault(k => !FilterKeys.Contains(k)) is { } unknown)
        {
            throw QdrantRejection.Format($"{path}: unknown field `{unknown}`, expected one of `should`, `min_should`, `must`, `must_not`");
        }

        var must = Conditions(filter["must"], $"{path}.must");
        var should = Conditions(filter["should"], $"{path}.should");
        var mustNot = Conditions(filter["must_not"], $"{path}.must_not");
        var minShould = filter["min_should"] is JsonObject min
            ? (Conditions: Conditions(min["conditions"], $"{path}.min_should.conditions"), Count: QdrantJson.PositiveInt(min["min_count"], $"{path}.min_should.min_count") ?? 1)
            : (Conditions: [], Count: 0);

        return point => must.All(c => c(point))
            && (should.Count == 0 || should.Any(c => c(point)))
            && !mustNot.Any(c => c(point))
            && minShould.Conditions.Count(c => c(point)) >= minShould.Count;
    }

    private static List<Func<StoredPoint, bool>> Conditions(JsonNode? node, string path) => node switch
    {
        null => [],
        JsonArray list => [.. list.Select((condition, i) => Condition(condition, $"{path}[{i}]"))],
        _ => [Condition(node, path)],
    };

    private static Func<StoredPoint, bool> Condition(JsonNode? node, string path)
    {
        if (node is not JsonObject condition)
        {
            throw QdrantRejection.Format($"{path}: data did not match any variant of untagged enum Condition");
        }

        if (condition.ContainsKey("key"))
        {
            return FieldCondition(condition, path);
        }

        if (condition["has_id"] is JsonArray ids)
        {
            var wanted = ids.Select((id, i) => PointId.Parse(id, $"{path}.has_id[{i}]")).ToHashSet();
            return point => wanted.Contains(point.Id);
        }

        if (condition["has_vector"] is { } vectorName)
        {
            var name = QdrantJson.String(vectorName, $"{path}.has_vector");
            return point => point.Dense.ContainsKey(name) || point.Sparse.ContainsKey(name);
        }

        if (condition["is_empty"]?["key"] is { } emptyKey)
        {
            var key = QdrantJson.String(emptyKey, $"{path}.is_empty.key");
            return point => PayloadValues(point.Payload, key).All(v => v is null);
        }

        if (condition["is_null"]?["key"] is { } nullKey)
        {
            var key = QdrantJson.String(nullKey, $"{path}.is_null.key");
            return point => PayloadValues(point.Payload, key).Any(v => v is null);
        }

        if (condition.ContainsKey("nested"))
        {
            throw QdrantRejection.Unsupported("nested conditions");
        }

        if (condition.All(p => FilterKeys.Contains(p.Key)))
        {
            return CompileFilter(condition, path);
        }

        throw QdrantRejection.Format($"{path}: data did not match any variant of untagged enum Condition");
    }

    private static Func<StoredPoint, bool> FieldCondition(JsonObject condition, string path)
    {
        var key = QdrantJson.String(condition["key"], $"{path}.key");
        var tests = new List<Func<List<JsonNode?>, bool>>();
        foreach (var (name, value) in condition.Where(p => p.Value is not null && p.Key != "key"))
        {
            tests.Add(name switch
            {
                "match" => Match(value!, $"{path}.match"),
                "range" => Range(value!, $"{path}.range"),
                "is_empty" when value!.GetValue<bool>() => values => values.All(v => v is null),
                "is_null" when value!.GetValue<bool>() => values => values.Any(v => v is null),
                _ => throw QdrantRejection.Unsupported($"the `{name}` field condition"),
            });
        }

        if (tests.Count == 0)
        {
            throw QdrantRejection.Validation(path, "At least one field condition must be specified");
        }

        return point =>
        {
            var values = PayloadValues(point.Payload, key);
            return tests.All(test => test(values));
        };
    }

    private static Func<List<JsonNode?>, bool> Match(JsonNode match, string path)
    {
        // A payload array matches when any of its elements does, as in Qdrant.
        if (match["value"] is { } expected)
        {
            CheckMatchValue(expected, $"{path}.value");
            return values => values.Any(v => SameValue(v, expected));
        }

        if (match["any"] is JsonArray any)
        {
            foreach (var (item, i) in any.Select((item, i) => (item, i)))
            {
                CheckMatchValue(item, $"{path}.any[{i}]");
            }

            return values => values.Any(v => any.Any(item => SameValue(v, item)));
        }

        if (match["except"] is JsonArray except)
        {
            return values => values.Any(v => !except.Any(item => SameValue(v, item)));
        }

        throw QdrantRejection.Unsupported($"the match {match.ToJsonString()} (full-text, phrase and prefix matches)");
    }

    private static Func<List<JsonNode?>, bool> Range(JsonNode range, string path)
    {
        double? Bound(string name) => range[name] switch
        {
            null => null,
            JsonValue number when number.GetValueKind() == JsonValueKind.Number => number.GetValue<double>(),
            _ => throw QdrantRejection.Unsupported($"non-numeric ranges ({path}.{name})"),
        };

        var (gt, gte, lt, lte) = (Bound("gt"), Bound("gte"), Bound("lt"), Bound("lte"));
        return values => values.Any(v => v is JsonValue number && number.GetValueKind() == JsonValueKind.Number
            && number.GetValue<double>() is var x
            && (gt is null || x > gt) && (gte is null || x >= gte) && (lt is null || x < lt) && (lte is null || x <= lte));
    }

    private static void CheckMatchValue(JsonNode? value, string path)
    {
        // Qdrant matches keywords, integers and booleans only.
        var valid = value is JsonValue v && (v.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
            || (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _)));
        if (!valid)
        {
            throw QdrantRejection.Format($"{path}: data did not match any variant of untagged enum ValueVariants");
        }
    }

    private static bool SameValue(JsonNode? stored, JsonNode? expected)
    {
        if (stored is not JsonValue a || expected is not JsonValue b || a.GetValueKind() != b.GetValueKind())
        {
            return false;
        }

        return a.GetValueKind() switch
        {
            JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
            JsonValueKind.Number => a.TryGetValue<long>(out var x) && b.TryGetValue<long>(out var y) && x == y,
            JsonValueKind.True or JsonValueKind.False => true,
            _ => false,
        };
    }
}

/// <summary>Reading request JSON with Qdrant-like errors.</summary>
internal static class QdrantJson
{
    public static string String(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw QdrantRejection.Format($"{path}: invalid type: {node?.ToJsonString() ?? "null"}, expected a string");

    public static float[] Floats(JsonArray numbers, string path) =>
        [.. numbers.Select((n, i) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.GetValue<float>()
            : throw QdrantRejection.Format($"{path}[{i}]: invalid type: {n?.ToJsonString() ?? "null"}, expected f32"))];

    public static int? NonNegativeInt(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n >= 0 => n,
        _ => throw QdrantRejection.Format($"{path}: invalid value: {node.ToJsonString()}, expected usize"),
    };

    public static int? PositiveInt(JsonNode? node, string path) => NonNegativeInt(node, path) switch
    {
        0 => throw QdrantRejection.Validation(path, "value 0 invalid, must be 1 or larger"),
        var n => n,
    };

    public static float? OptionalFloat(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<float>(),
        _ => throw QdrantRejection.Format($"{path}: invalid type: {node.ToJsonString()}, expected f32"),
    };

    public static JsonArray Array(IEnumerable<float> values) => new([.. values.Select(v => (JsonNode)v)]);
}

/// <summary>A request Qdrant refuses: its HTTP status and the text Qdrant puts in status.error.</summary>
internal sealed class QdrantRejection : Exception
{
    public QdrantRejection()
    {
    }

    public QdrantRejection(string message)
        : base(message)
    {
    }

    public QdrantRejection(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private QdrantRejection(int status, string message)
        : base(message) => Status = status;

    public int Status { get; } = 400;

    /// <summary>StorageError::BadInput: 400 "Wrong input: …".</summary>
    public static QdrantRejection WrongInput(string description) => new(400, $"Wrong input: {description}");

    /// <summary>StorageError::AlreadyExists: 409 with the "Wrong input: …" wording (since Qdrant 1.8).</summary>
    public static QdrantRejection AlreadyExists(string description) => new(409, $"Wrong input: {description}");

    public static QdrantRejection BadRequest(string description) => new(400, $"Bad request: {description}");

    public static QdrantRejection NotFound(string description) => new(404, $"Not found: {description}");

    /// <summary>Qdrant's JSON deserialisation failure (400).</summary>
    public static QdrantRejection Format(string description) => new(400, $"Format error in JSON body: {description}");

    /// <summary>Qdrant's validator failure (422), labelled the way its validation_error_handler does.</summary>
    public static QdrantRejection Validation(string field, string problem) => new(422, $"Validation error in JSON body: [{field}: {problem}]");

    /// <summary>Something Qdrant accepts that this stand-in does not implement: loud, so a test never passes by accident.</summary>
    public static QdrantRejection Unsupported(string what) => new(400, $"Wrong input: FakeQdrantServer does not implement {what}");
}
