using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAssist.Testing;

/// <summary>
/// One Qdrant collection held in memory: configuration, points and payload indexes, with the point,
/// scroll, count and Query API semantics of Qdrant 1.19. Not thread-safe: <see cref="FakeQdrantServer"/> locks around it.
/// </summary>
internal sealed partial class FakeQdrantCollection
{
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
}
