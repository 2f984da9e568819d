using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAssist.Infrastructure.Qdrant;

// The subset of Qdrant's REST schemas (v1.19) this store sends and reads; names follow the OpenAPI document.

public sealed record CreateCollectionRequest(
    IReadOnlyDictionary<string, DenseVectorParams> Vectors,
    IReadOnlyDictionary<string, SparseVectorParams> SparseVectors,
    int? ShardNumber,
    int ReplicationFactor,
    int WriteConsistencyFactor,
    bool OnDiskPayload,
    QuantizationConfig? QuantizationConfig,
    IReadOnlyDictionary<string, string> Metadata);

public sealed record DenseVectorParams(int Size, string Distance, bool? OnDisk = null);

public sealed record SparseVectorParams(string Modifier);

public sealed record QuantizationConfig(ScalarQuantization Scalar);

public sealed record ScalarQuantization(string Type, bool AlwaysRam);

public sealed record PayloadIndexRequest(string FieldName, string FieldSchema);

public sealed record UpsertRequest(IReadOnlyList<PointStruct> Points);

/// <summary>A point: chunks carry both named vectors, article records none.</summary>
public sealed record PointStruct(string Id, PointVectors Vector, PointPayload Payload);

public sealed record PointVectors(
    [property: JsonPropertyName(QdrantCollectionLayout.DenseVector)] float[]? Dense = null,
    [property: JsonPropertyName(QdrantCollectionLayout.SparseVector)] SparseVector? Sparse = null);

public sealed record SparseVector(IReadOnlyList<uint> Indices, IReadOnlyList<float> Values);

/// <summary>What a point carries besides its vectors: a chunk's text and metadata, or an article's record.</summary>
public sealed record PointPayload
{
    public string? Kind { get; init; }
    public string? ArticleId { get; init; }
    public string? ChunkId { get; init; }
    public int? Ordinal { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? HeadingPath { get; init; }
    public string? Text { get; init; }
    public string? ContentHash { get; init; }
    public string? Audience { get; init; }
    public string? Locale { get; init; }
    public string? Language { get; init; }
    public string? ProductArea { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? Updated { get; init; }
    public string? Body { get; init; }
    public string? IndexedAt { get; init; }
    public int? ChunkCount { get; init; }
}

/// <summary>A filter of conditions that must all hold, and conditions that must not.</summary>
public sealed record Filter(IReadOnlyList<Condition>? Must = null, IReadOnlyList<Condition>? MustNot = null);

/// <summary>One condition: a payload field matching a value or any of several, or the point id among a set.</summary>
public sealed record Condition(string? Key = null, Match? Match = null, IReadOnlyList<string>? HasId = null)
{
    public static Condition Equal(string key, string value) => new(key, new Match(Value: value));

    public static Condition AnyOf(string key, IReadOnlyList<string> values) => new(key, new Match(Any: values));
}

public sealed record Match(string? Value = null, IReadOnlyList<string>? Any = null);

public sealed record DeletePointsRequest(Filter Filter);

public sealed record ScrollRequest(Filter? Filter, int Limit, JsonElement? Offset, bool WithPayload, IReadOnlyList<string>? WithVector = null);

public sealed record CountRequest(Filter? Filter, bool Exact);

/// <summary>A Query API request: a nearest-neighbour query on one named vector, or a fusion of prefetches.</summary>
public sealed record QueryRequest(
    QueryInput Query,
    string? Using = null,
    Filter? Filter = null,
    IReadOnlyList<Prefetch>? Prefetch = null,
    int Limit = 10,
    bool WithPayload = true,
    SearchParams? Params = null);

public sealed record Prefetch(QueryInput Query, string Using, Filter? Filter, int Limit, SearchParams? Params = null);

public sealed record SearchParams(QuantizationSearchParams Quantization);

public sealed record QuantizationSearchParams(bool Rescore, double Oversampling);

/// <summary>The <c>query</c> member: a dense vector, a sparse vector, or reciprocal rank fusion with its k.</summary>
[JsonConverter(typeof(QueryInputConverter))]
public sealed record QueryInput(float[]? Dense = null, SparseVector? Sparse = null, int? RrfK = null, float[]? RrfWeights = null);

public sealed record AliasActions(IReadOnlyList<AliasAction> Actions);

public sealed record AliasAction(CreateAlias? CreateAlias = null, DeleteAlias? DeleteAlias = null);

public sealed record CreateAlias(string CollectionName, string AliasName);

public sealed record DeleteAlias(string AliasName);

// Replies: Qdrant wraps each result as {"result": ..., "status": "ok", "time": seconds}.

public sealed record QdrantReply<T>(T? Result);

public sealed record CollectionInfo(long? PointsCount, CollectionConfig? Config);

public sealed record CollectionConfig(IReadOnlyDictionary<string, JsonElement>? Metadata);

public sealed record CollectionList(IReadOnlyList<CollectionName> Collections);

public sealed record CollectionName(string Name);

public sealed record AliasList(IReadOnlyList<AliasDescription> Aliases);

public sealed record AliasDescription(string AliasName, string CollectionName);

public sealed record UpdateResult(long? OperationId, string? Status);

public sealed record CountResult(long Count);

public sealed record QueryResult(IReadOnlyList<ScoredPoint> Points);

public sealed record ScoredPoint(JsonElement Id, double Score, PointPayload? Payload);

public sealed record ScrollResult(IReadOnlyList<RecordPoint> Points, JsonElement? NextPageOffset);

// A point's vectors: named vectors as an object (ours), or a bare array in collections with one unnamed vector.
public sealed record RecordPoint(JsonElement Id, PointPayload? Payload, JsonElement? Vector);

/// <summary>Writes <see cref="QueryInput"/> in the shape Qdrant expects; replies never contain one.</summary>
public sealed class QueryInputConverter : JsonConverter<QueryInput>
{
    public override QueryInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("query inputs are only written");

    public override void Write(Utf8JsonWriter writer, QueryInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Dense is { } dense)
        {
            writer.WriteStartArray();
            foreach (var x in dense) writer.WriteNumberValue(x);
            writer.WriteEndArray();
        }
        else if (value.Sparse is { } sparse)
        {
            JsonSerializer.Serialize(writer, sparse, QdrantJsonContext.Default.SparseVector);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteStartObject("rrf");
            if (value.RrfK is { } k) writer.WriteNumber("k", k);
            if (value.RrfWeights is { } weights)
            {
                writer.WriteStartArray("weights");
                foreach (var w in weights) writer.WriteNumberValue(w);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateCollectionRequest))]
[JsonSerializable(typeof(PayloadIndexRequest))]
[JsonSerializable(typeof(UpsertRequest))]
[JsonSerializable(typeof(DeletePointsRequest))]
[JsonSerializable(typeof(ScrollRequest))]
[JsonSerializable(typeof(CountRequest))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(AliasActions))]
[JsonSerializable(typeof(QdrantReply<CollectionInfo>))]
[JsonSerializable(typeof(QdrantReply<CollectionList>))]
[JsonSerializable(typeof(QdrantReply<AliasList>))]
[JsonSerializable(typeof(QdrantReply<UpdateResult>))]
[JsonSerializable(typeof(QdrantReply<bool>))]
[JsonSerializable(typeof(QdrantReply<CountResult>))]
[JsonSerializable(typeof(QdrantReply<QueryResult>))]
[JsonSerializable(typeof(QdrantReply<ScrollResult>))]
[JsonSerializable(typeof(float[]))]
public sealed partial class QdrantJsonContext : JsonSerializerContext;
