using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>
/// One Qdrant collection held in memory: configuration, points and payload indexes, with the point, scroll, count and
/// Query API semantics of Qdrant 1.19. Not thread-safe: the services hold <see cref="FakeQdrantState.Gate"/> around it.
/// </summary>
internal sealed partial class FakeQdrantCollection
{
    private const uint DefaultLimit = 10;

    private readonly Dictionary<string, VectorParams> _dense;
    private readonly Dictionary<string, bool> _sparseUsesIdf;
    private readonly CollectionConfig _config;
    private readonly SortedDictionary<PointId, StoredPoint> _points = new(PointIdOrder.Instance);
    private readonly SortedDictionary<string, PayloadSchemaType> _payloadIndexes = new(StringComparer.Ordinal);
    private ulong _nextOperationId;

    private FakeQdrantCollection(Dictionary<string, VectorParams> dense, Dictionary<string, bool> sparseUsesIdf, CollectionConfig config)
    {
        _dense = dense;
        _sparseUsesIdf = sparseUsesIdf;
        _config = config;
    }

    public int PointCount => _points.Count;

    public IReadOnlyCollection<string> PayloadIndexNames => [.. _payloadIndexes.Keys];

    /// <summary>Builds a collection from a CreateCollection request, refusing what Qdrant refuses.</summary>
    public static FakeQdrantCollection Create(CreateCollection request)
    {
        var dense = new Dictionary<string, VectorParams>(StringComparer.Ordinal);
        switch (request.VectorsConfig?.ConfigCase)
        {
            case null or VectorsConfig.ConfigOneofCase.None:
                break;
            case VectorsConfig.ConfigOneofCase.Params:
                // The single-vector form is Qdrant's unnamed default vector, named "".
                dense[""] = Checked(request.VectorsConfig.Params, "vectors_config");
                break;
            case VectorsConfig.ConfigOneofCase.ParamsMap:
                foreach (var (name, parameters) in request.VectorsConfig.ParamsMap.Map) dense[name] = Checked(parameters, $"vectors_config.{name}");
                break;
        }

        var sparse = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, parameters) in request.SparseVectorsConfig?.Map ?? [])
        {
            if (dense.ContainsKey(name)) throw QdrantRejection.WrongInput($"Vector name `{name}` is used for both dense and sparse vectors");
            sparse[name] = parameters.HasModifier && parameters.Modifier == Modifier.Idf;
        }

        // Qdrant answers the effective configuration: its defaults with the request's settings applied.
        var parametersEcho = new CollectionParams
        {
            ShardNumber = request.HasShardNumber ? request.ShardNumber : 1,
            VectorsConfig = request.VectorsConfig?.Clone() ?? new VectorsConfig(),
            ReplicationFactor = request.HasReplicationFactor ? request.ReplicationFactor : 1,
            WriteConsistencyFactor = request.HasWriteConsistencyFactor ? request.WriteConsistencyFactor : 1,
            SparseVectorsConfig = request.SparseVectorsConfig?.Clone() ?? new SparseVectorConfig(),
        };
        var config = new CollectionConfig
        {
            Params = parametersEcho,
            HnswConfig = request.HnswConfig?.Clone() ?? new HnswConfigDiff { M = 16, EfConstruct = 100, FullScanThreshold = 10000 },
            OptimizerConfig = request.OptimizersConfig?.Clone() ?? new OptimizersConfigDiff(),
            WalConfig = request.WalConfig?.Clone() ?? new WalConfigDiff { WalCapacityMb = 32 },
        };
        if (request.QuantizationConfig is { } quantization) config.QuantizationConfig = quantization.Clone();
        config.Metadata.Add(request.Metadata);
        return new FakeQdrantCollection(dense, sparse, config);
    }

    /// <summary>The CollectionInfo GetCollectionInfo answers.</summary>
    public CollectionInfo Info()
    {
        var info = new CollectionInfo
        {
            Status = CollectionStatus.Green,
            OptimizerStatus = new OptimizerStatus { Ok = true },
            SegmentsCount = 1,
            Config = _config.Clone(),
            PointsCount = (ulong)_points.Count,
            IndexedVectorsCount = 0,
        };
        foreach (var (field, type) in _payloadIndexes)
            info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = type, Points = (ulong)_points.Values.Count(p => FakeQdrantFilter.PayloadValues(p.Payload, field).Count > 0) };
        return info;
    }

    /// <summary>Upsert: every point is checked before any is written, and each replaces any point with its id.</summary>
    public UpdateResult Upsert(UpsertPoints request)
    {
        if (request.UpdateFilter is not null || request.ShardKeySelector is not null) throw QdrantRejection.Unsupported("conditional or sharded upserts");
        var points = request.Points.Select((point, index) => Parse(point, $"points[{index}]")).ToList();
        var operation = _nextOperationId++;
        foreach (var point in points) _points[point.Id] = point with { Version = operation };
        return Completed(operation, request.Wait);
    }

    /// <summary>Delete by a list of ids or by a filter.</summary>
    public UpdateResult Delete(DeletePoints request)
    {
        var doomed = request.Points?.PointsSelectorOneOfCase switch
        {
            PointsSelector.PointsSelectorOneOfOneofCase.Points => request.Points.Points.Ids.Select((id, i) => PointIdOrder.Normalize(id, $"points[{i}]")).ToList(),
            PointsSelector.PointsSelectorOneOfOneofCase.Filter => [.. _points.Values.Where(FakeQdrantFilter.Compile(request.Points.Filter)).Select(p => p.Id)],
            _ => throw QdrantRejection.WrongInput("points: a points selector (ids or filter) is required"),
        };
        var operation = _nextOperationId++;
        foreach (var id in doomed) _points.Remove(id);
        return Completed(operation, request.Wait);
    }

    /// <summary>CreateFieldIndex: recorded so tests can see which payload fields were indexed; filtering never needs it here.</summary>
    public UpdateResult CreatePayloadIndex(CreateFieldIndexCollection request)
    {
        _payloadIndexes[request.FieldName] = request.HasFieldType ? request.FieldType switch
        {
            FieldType.Keyword => PayloadSchemaType.Keyword,
            FieldType.Integer => PayloadSchemaType.Integer,
            FieldType.Float => PayloadSchemaType.Float,
            FieldType.Bool => PayloadSchemaType.Bool,
            FieldType.Text => PayloadSchemaType.Text,
            FieldType.Uuid => PayloadSchemaType.Uuid,
            var other => throw QdrantRejection.Unsupported($"the {other} index"),
        } : PayloadSchemaType.Keyword;
        return Completed(_nextOperationId++, request.Wait);
    }

    /// <summary>Scroll: points in id order from the offset (inclusive), and the id the next page starts at.</summary>
    public ScrollResponse Scroll(ScrollPoints request)
    {
        if (request.OrderBy is not null) throw QdrantRejection.Unsupported("order_by");
        var limit = request.HasLimit ? (int)request.Limit : (int)DefaultLimit;
        var filter = FakeQdrantFilter.Compile(request.Filter);
        var offset = request.Offset is { } start ? PointIdOrder.Normalize(start, "offset") : null;
        var page = _points.Values
            .Where(p => offset is null || PointIdOrder.Instance.Compare(p.Id, offset) >= 0)
            .Where(filter)
            .Take(limit + 1)
            .ToList();
        var response = new ScrollResponse();
        foreach (var point in page.Take(limit))
        {
            var record = new RetrievedPoint { Id = point.Id.Clone() };
            if (SelectPayload(point.Payload, request.WithPayload, byDefault: false) is { } payload) record.Payload.Add(payload);
            if (SelectVectors(point, request.WithVectors) is { } vectors) record.Vectors = vectors;
            response.Result.Add(record);
        }

        if (page.Count > limit) response.NextPageOffset = page[limit].Id.Clone();
        return response;
    }

    /// <summary>Count of the points matching the filter.</summary>
    public ulong Count(CountPoints request) => (ulong)_points.Values.Count(FakeQdrantFilter.Compile(request.Filter));

    private StoredPoint Parse(PointStruct point, string path)
    {
        var id = PointIdOrder.Normalize(point.Id, $"{path}.id");
        var dense = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var sparse = new Dictionary<string, StoredSparse>(StringComparer.Ordinal);
        switch (point.Vectors?.VectorsOptionsCase)
        {
            case Vectors.VectorsOptionsOneofCase.Vector:
                AddVector("", point.Vectors.Vector, $"{path}.vectors");
                break;
            case Vectors.VectorsOptionsOneofCase.Vectors_:
                foreach (var (name, vector) in point.Vectors.Vectors_.Vectors) AddVector(name, vector, $"{path}.vectors.{name}");
                break;
            default:
                throw QdrantRejection.WrongInput($"{path}: vectors are required");
        }

        var payload = new MapField<string, Value>();
        foreach (var (key, value) in point.Payload) payload[key] = value.Clone();
        return new StoredPoint(id, 0, dense, sparse, payload);

        void AddVector(string name, Vector vector, string vectorPath)
        {
#pragma warning disable CS0612 // clients before 1.14 send the deprecated flat fields
            var values = vector.VectorCase == Vector.VectorOneofCase.Dense ? [.. vector.Dense.Data] : vector.Indices is null && vector.Data.Count > 0 ? [.. vector.Data] : (float[]?)null;
            var sparseVector = vector.VectorCase == Vector.VectorOneofCase.Sparse ? StoredSparse.Parse(vector.Sparse.Indices, vector.Sparse.Values, vectorPath)
                : vector.Indices is { } indices ? StoredSparse.Parse(indices.Data, vector.Data, vectorPath) : null;
#pragma warning restore CS0612
            if (values is not null)
            {
                if (!_dense.TryGetValue(name, out var config))
                    throw _sparseUsesIdf.ContainsKey(name) ? QdrantRejection.WrongInput("Conversion between sparse and regular vectors failed") : NotExistingVector(name);
                if ((ulong)values.Length != config.Size) throw DimensionError(config.Size, values.Length);

                // Qdrant stores Cosine vectors normalised and then scores them by dot product.
                dense[name] = config.Distance == Distance.Cosine ? FakeQdrantScoring.Normalize(values) : values;
            }
            else if (sparseVector is not null)
            {
                if (!_sparseUsesIdf.ContainsKey(name))
                    throw _dense.ContainsKey(name) ? QdrantRejection.WrongInput("Conversion between sparse and regular vectors failed") : NotExistingVector(name);
                sparse[name] = sparseVector;
            }
            else
            {
                throw QdrantRejection.Unsupported($"the vector at {vectorPath} (multivectors and inference objects)");
            }
        }
    }

    private static MapField<string, Value>? SelectPayload(MapField<string, Value> payload, WithPayloadSelector? selector, bool byDefault)
    {
        Func<string, bool>? keep = selector?.SelectorOptionsCase switch
        {
            null or WithPayloadSelector.SelectorOptionsOneofCase.None => byDefault ? _ => true : null,
            WithPayloadSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? _ => true : null,
            WithPayloadSelector.SelectorOptionsOneofCase.Include => selector.Include.Fields.Contains,
            WithPayloadSelector.SelectorOptionsOneofCase.Exclude => key => !selector.Exclude.Fields.Contains(key),
            _ => null,
        };
        if (keep is null) return null;
        var selected = new MapField<string, Value>();
        foreach (var (key, value) in payload.Where(p => keep(p.Key))) selected[key] = value.Clone();
        return selected;
    }

    private static VectorsOutput? SelectVectors(StoredPoint point, WithVectorsSelector? selector)
    {
        var all = point.Dense.Keys.Concat(point.Sparse.Keys);
        HashSet<string>? names = selector?.SelectorOptionsCase switch
        {
            WithVectorsSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? [.. all] : null,
            WithVectorsSelector.SelectorOptionsOneofCase.Include => [.. selector.Include.Names],
            _ => null,
        };
        if (names is null) return null;

        // The unnamed default vector comes back on its own, named ones as a map.
        if (point.Dense.Count == 1 && point.Sparse.Count == 0 && point.Dense.TryGetValue("", out var only))
            return names.Contains("") ? new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { only } } } } : null;

        var vectors = new NamedVectorsOutput();
        foreach (var (name, vector) in point.Dense.Where(v => names.Contains(v.Key)))
            vectors.Vectors[name] = new VectorOutput { Dense = new DenseVector { Data = { vector } } };
        foreach (var (name, vector) in point.Sparse.Where(v => names.Contains(v.Key)))
            vectors.Vectors[name] = new VectorOutput { Sparse = new SparseVector { Indices = { vector.Indices }, Values = { vector.Values } } };
        return new VectorsOutput { Vectors = vectors };
    }

    private static VectorParams Checked(VectorParams parameters, string path)
    {
        if (parameters.MultivectorConfig is not null) throw QdrantRejection.Unsupported("multivectors");
        if (parameters.Size < 1) throw QdrantRejection.WrongInput($"{path}.size: value 0 invalid, must be 1 or larger");
        if (parameters.Distance == Distance.UnknownDistance) throw QdrantRejection.WrongInput($"{path}.distance: Unknown distance");
        return parameters;
    }

    private static UpdateResult Completed(ulong operation, bool wait) =>
        new() { OperationId = operation, Status = wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged };

    private static Grpc.Core.RpcException NotExistingVector(string name) => QdrantRejection.WrongInput($"Not existing vector name error: {name}");

    private static Grpc.Core.RpcException DimensionError(ulong expected, int got) =>
        QdrantRejection.WrongInput($"Vector dimension error: expected dim: {expected}, got {got}");
}
