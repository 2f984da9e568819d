using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAssist.Testing;

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
