using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAssist.Testing;

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
