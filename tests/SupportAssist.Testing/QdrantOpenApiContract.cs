using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using JsonPointer = Json.Pointer.JsonPointer;

namespace SupportAssist.Testing;

/// <summary>
/// Checks HTTP requests against Qdrant's official OpenAPI document, read where it lies (never copied into the
/// repository), so contract tests prove that every request our client sends is one Qdrant declares.
/// </summary>
public sealed class QdrantOpenApiContract
{
    private static readonly Lazy<QdrantOpenApiContract?> Loaded = new(() => File.Exists(DocumentPath) ? Load(DocumentPath) : null);
    private static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly OpenApiDocument _document;
    private readonly JsonObject _raw;
    private readonly JsonObject _components;
    private readonly OpenApi30SchemaTranslator _translator;
    private readonly (string Template, string[] Segments)[] _templates;
    // Each contract has its own registry and base URI, so two loaded documents never share a schema id.
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly string _base = $"https://qdrant-contract.test/{Guid.NewGuid():N}/";
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _buildLock = new();
    private int _compiled;

    private QdrantOpenApiContract(OpenApiDocument document, JsonObject raw, bool strict)
    {
        _document = document;
        _raw = raw;
        _components = raw["components"]?["schemas"] as JsonObject ?? [];
        _translator = new OpenApi30SchemaTranslator(raw, _components, strict);
        _templates = [.. document.Paths.Keys.Select(t => (t, t[1..].Split('/')))];
        var root = new JsonObject { ["$schema"] = OpenApi30SchemaTranslator.Dialect, ["$id"] = _base + "components", ["$defs"] = _translator.Defs() };
        JsonSchema.FromText(root.ToJsonString(), _build);
        Strict = strict;
    }

    /// <summary>Where the document is looked for: QDRANT_OPENAPI if set, else ../shared/qdrant/openapi.json beside the repository root.</summary>
    public static string DocumentPath { get; } = Environment.GetEnvironmentVariable("QDRANT_OPENAPI") is { Length: > 0 } path ? Path.GetFullPath(path) : BesideRepository();

    /// <summary>The one loaded document (cached, thread-safe), or null when the file is absent.</summary>
    public static QdrantOpenApiContract? Instance => Loaded.Value;

    /// <summary>Why contract tests skip: names the path where the document was looked for.</summary>
    public static string AbsentMessage => $"Qdrant's OpenAPI document is absent at {DocumentPath}; contract tests are skipped (set QDRANT_OPENAPI or place shared/ beside the repository).";

    /// <summary>True when objects that list properties reject unknown ones, so misspelled fields are caught.</summary>
    public bool Strict { get; }

    /// <summary>Reads a document (JSON, OpenAPI 3.0); <see cref="Instance"/> is the shared strict one.</summary>
    public static QdrantOpenApiContract Load(string documentPath, bool strict = true)
    {
        var text = File.ReadAllText(documentPath);
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        if (document is null || diagnostic?.Errors.Count > 0)
            throw new InvalidDataException($"{documentPath} is not a readable OpenAPI document: {string.Join("; ", diagnostic?.Errors ?? [])}");
        return new QdrantOpenApiContract(document, JsonNode.Parse(text)!.AsObject(), strict);
    }

    /// <summary>Problems with one request; empty when it conforms. pathAndQuery like "/collections/kb-1/points?wait=true".</summary>
    public IReadOnlyList<string> Check(string method, string pathAndQuery, string? jsonBody)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var verb = method.ToUpperInvariant();
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? pathAndQuery : pathAndQuery[..split];
        if (Match(path) is not { } match) return [$"{verb} {path}: no path of the document matches"];
        var item = _document.Paths[match.Template];
        var where = $"{verb} {match.Template}";
        if (item.Operations?.GetValueOrDefault(new HttpMethod(verb)) is not { } operation)
            return [$"{where}: method not defined for this path (defined: {string.Join(", ", item.Operations?.Keys.Select(k => k.Method) ?? [])})"];
        var problems = new List<string>();
        var parameters = (operation.Parameters ?? []).Concat(item.Parameters ?? []).DistinctBy(p => (p.Name, p.In)).ToList();
        foreach (var (name, value) in match.Values)
        {
            if (ValueProblem(match.Template, verb, name, ParameterLocation.Path, value) is { } expected) problems.Add($"{where}: path {{{name}}}={value}: expected {expected}");
        }
        var query = split < 0 ? [] : pathAndQuery[(split + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(QueryPair).ToList();
        foreach (var (name, value) in query)
        {
            if (!parameters.Any(p => p.In == ParameterLocation.Query && p.Name == name))
                problems.Add($"{where}: query parameter '{name}' is not declared (declared: {string.Join(", ", parameters.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name))})");
            else if (ValueProblem(match.Template, verb, name, ParameterLocation.Query, value) is { } expected) problems.Add($"{where}: query {name}={value}: expected {expected}");
        }
        foreach (var missing in parameters.Where(p => p.In == ParameterLocation.Query && p.Required && query.All(q => q.Name != p.Name)))
            problems.Add($"{where}: required query parameter '{missing.Name}' is missing");
        problems.AddRange(BodyProblems(where, match.Template, verb, operation, jsonBody));
        return problems;
    }

    /// <summary>A sample JSON response (the full envelope) for the operation and status, generated from the document's schema.</summary>
    public JsonNode SampleResponse(string method, string pathTemplate, int status = 200)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        var responses = RawOperation(pathTemplate, method)?["responses"] as JsonObject ?? throw new ArgumentException($"{method} {pathTemplate} is not an operation of the document", nameof(pathTemplate));
        var response = responses[code] ?? responses[$"{code[0]}XX"] ?? responses["default"] ?? throw new ArgumentException($"{method} {pathTemplate} declares no {code} response", nameof(status));
        var schema = response["content"]?["application/json"]?["schema"] ?? throw new ArgumentException($"{method} {pathTemplate} {code} has no JSON body", nameof(status));
        // The envelope is generated whole even when it is a named schema (ErrorResponse): depth 0 is the envelope.
        var envelope = schema["$ref"] is JsonValue reference ? _components[OpenApi30SchemaTranslator.Name(reference)] : schema;
        return new SchemaSample(_components).Generate(envelope, 0) ?? throw new InvalidOperationException($"{method} {pathTemplate} {code}: the schema yields no sample");
    }

    private static string BesideRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return Path.GetFullPath(Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "..", "shared", "qdrant", "openapi.json"));
    }

    private static (string Name, string Value) QueryPair(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
        return equals < 0 ? (Decode(pair), string.Empty) : (Decode(pair[..equals]), Decode(pair[(equals + 1)..]));
    }

    // Several templates can match (/collections/aliases and /collections/{collection_name}): the one whose first
    // differing segment is literal wins, as in Qdrant's router.
    private (string Template, List<(string Name, string Value)> Values)? Match(string path)
    {
        if (!path.StartsWith('/')) return null;
        var segments = path[1..].Split('/');
        var best = _templates
            .Where(t => t.Segments.Length == segments.Length && t.Segments.Zip(segments).All(p => IsParameter(p.First) ? p.Second.Length > 0 : p.First == p.Second))
            .OrderBy(t => string.Concat(t.Segments.Select(s => IsParameter(s) ? '1' : '0')), StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Template is null) return null;
        var values = best.Segments.Zip(segments).Where(p => IsParameter(p.First)).Select(p => (p.First[1..^1], Uri.UnescapeDataString(p.Second)));
        return (best.Template, values.ToList());
        static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
    }

    private JsonObject? RawOperation(string template, string method) =>
        (_raw["paths"]?[template] as JsonObject)?.FirstOrDefault(p => string.Equals(p.Key, method, StringComparison.OrdinalIgnoreCase)).Value as JsonObject;

    // Query and path values arrive as text: a value conforms when the text, or the number or boolean it spells, validates.
    private string? ValueProblem(string template, string method, string name, ParameterLocation location, string value)
    {
        var place = location == ParameterLocation.Path ? "path" : "query";
        var declared = new[] { RawOperation(template, method)?["parameters"], _raw["paths"]?[template]?["parameters"] }
            .OfType<JsonArray>().SelectMany(a => a).Select(Resolve)
            .FirstOrDefault(p => p?["name"]?.GetValue<string>() == name && p?["in"]?.GetValue<string>() == place);
        if (declared?["schema"] is not { } raw) return null;
        var schema = Compile($"/paths/{template}/{method}/{place}/{name}", raw);
        var candidates = new List<JsonElement> { JsonSerializer.SerializeToElement(value) };
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) candidates.Add(JsonSerializer.SerializeToElement(number));
        if (value is "true" or "false") candidates.Add(JsonSerializer.SerializeToElement(value == "true"));
        return candidates.Any(c => schema.Evaluate(c).IsValid) ? null : Describe(raw);
    }

    private IEnumerable<string> BodyProblems(string where, string template, string method, OpenApiOperation operation, string? body)
    {
        var present = !string.IsNullOrWhiteSpace(body);
        if (operation.RequestBody is not { } declared)
            return present ? [$"{where}: sends a body but the operation declares none"] : [];
        if (!present) return declared.Required ? [$"{where}: the request body is required"] : [];
        var raw = RawOperation(template, method)?["requestBody"]?["content"]?["application/json"]?["schema"];
        if (raw is null) return [$"{where}: sends JSON but the operation declares no JSON body (content: {string.Join(", ", declared.Content?.Keys ?? [])})"];
        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body!);
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return [$"{where}: body is not valid JSON: {e.Message}"];
        }
        var results = Compile($"/paths/{template}/{method}/body", raw).Evaluate(instance, Hierarchical);
        return SchemaFailures.Of(results).Select(f => $"{where}: body {SchemaFailures.Display(f.Location, instance)}: {f.Message}");
    }

    private JsonSchema Compile(string key, JsonNode raw) => _schemas.GetOrAdd(key, _ =>
    {
        lock (_buildLock)
        {
            var refs = _base + "components#/$defs/";
            var translated = _translator.Translate(raw, refs, open: false);
            var schema = translated as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(translated) };
            schema["$schema"] = OpenApi30SchemaTranslator.Dialect;
            schema["$id"] = _base + "operations/" + (++_compiled).ToString(CultureInfo.InvariantCulture);
            return JsonSchema.FromText(schema.ToJsonString(), _build);
        }
    });

    private JsonNode? Resolve(JsonNode? node) =>
        node?["$ref"] is JsonValue reference && JsonPointer.Parse(reference.GetValue<string>()[1..]).TryEvaluate(_raw, out var target) ? target : node;

    private string Describe(JsonNode? raw) => raw switch
    {
        JsonObject o when o["$ref"] is JsonValue r => Describe(_components[OpenApi30SchemaTranslator.Name(r)]),
        JsonObject o when o["enum"] is JsonArray values => "one of " + string.Join(", ", values.Select(v => v?.ToJsonString())),
        JsonObject o when (o["anyOf"] ?? o["oneOf"]) is JsonArray branches => string.Join(" or ", branches.Select(Describe)),
        JsonObject o when o["type"] is JsonValue type => type.GetValue<string>() + (o["minimum"] is { } min ? $" >= {min.ToJsonString()}" : string.Empty),
        _ => "a value the document allows",
    };
}

/// <summary>A [Fact] that needs Qdrant's OpenAPI document: skipped, saying where it was looked for, when the file is absent.</summary>
public sealed class QdrantContractFactAttribute : FactAttribute
{
    public QdrantContractFactAttribute()
    {
        // A file check, not a load: discovery stays fast and a broken document fails the tests instead of skipping them.
        if (!File.Exists(QdrantOpenApiContract.DocumentPath)) Skip = QdrantOpenApiContract.AbsentMessage;
    }
}

/// <summary>Turns OpenAPI 3.0 schemas into JSON Schema 2020-12, optionally closing objects (strict mode).</summary>
internal sealed class OpenApi30SchemaTranslator
{
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";
    private const string ComponentPrefix = "#/components/schemas/";
    private static readonly string[] Combinators = ["anyOf", "oneOf", "allOf"];
    private static readonly HashSet<string> Annotations = ["nullable", "description", "title", "default", "example", "deprecated"];
    private readonly JsonObject _components;
    private readonly bool _strict;
    // Named schemas evaluated at the same place as an allOf member: closing them would reject their siblings' properties.
    private readonly HashSet<string> _keptOpen = new(StringComparer.Ordinal);

    public OpenApi30SchemaTranslator(JsonNode document, JsonObject components, bool strict)
    {
        _components = components;
        _strict = strict;
        foreach (var member in Descendants(document).OfType<JsonObject>().Select(o => o["allOf"]).OfType<JsonArray>().SelectMany(a => a)) KeepOpen(member);
    }

    public static string Name(JsonNode reference)
    {
        var text = reference.GetValue<string>();
        return text.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? text[ComponentPrefix.Length..] : throw new NotSupportedException($"only local schema references are supported: {text}");
    }

    // OpenAPI 3.0 "nullable: true" with nothing to make nullable; Qdrant uses it as the null branch of an anyOf.
    public static bool IsNullOnly(JsonNode? node) =>
        node is JsonObject o && o["nullable"] is JsonValue n && n.GetValue<bool>() && o.All(p => Annotations.Contains(p.Key));

    /// <summary>The document's components/schemas as 2020-12 $defs, referring to each other as #/$defs/X.</summary>
    public JsonObject Defs() => new(_components.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Translate(c.Value, "#/$defs/", _keptOpen.Contains(c.Key)))));

    /// <summary>Translates one schema; <paramref name="open"/> is true where it shares its place with an allOf member.</summary>
    public JsonNode Translate(JsonNode? node, string refPrefix, bool open)
    {
        if (node is not JsonObject schema) return node?.DeepClone() ?? JsonValue.Create(true);
        if (IsNullOnly(schema)) return new JsonObject { ["type"] = "null" };
        var result = new JsonObject();
        foreach (var (key, value) in schema.Where(p => p.Key is not ("nullable" or "example")))
        {
            result[key] = key switch
            {
                "$ref" => refPrefix + Name(value!),
                "properties" => new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Translate(p.Value, refPrefix, open: false)))),
                "items" or "additionalProperties" => Translate(value, refPrefix, open: false),
                "anyOf" or "oneOf" => new JsonArray([.. value!.AsArray().Select(b => Translate(b, refPrefix, open))]),
                "allOf" => new JsonArray([.. value!.AsArray().Select(b => Translate(b, refPrefix, open: true))]),
                "not" => Translate(value, refPrefix, open: true), // closing inside a "not" would widen what it accepts
                _ => value?.DeepClone(),
            };
        }
        // unevaluatedProperties (not additionalProperties) sees properties declared by allOf members of the same object.
        if (_strict && !open && (result.ContainsKey("properties") || result.ContainsKey("allOf")) && !result.ContainsKey("additionalProperties"))
            result["unevaluatedProperties"] = false;
        if (schema["nullable"] is not JsonValue nullable || !nullable.GetValue<bool>()) return result;
        if (result["enum"] is JsonArray values) values.Add((JsonNode?)null);
        if (result["type"] is not JsonValue type) return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
        result["type"] = new JsonArray(type.GetValue<string>(), "null");
        return result;
    }

    private void KeepOpen(JsonNode? schema)
    {
        if (schema is not JsonObject o) return;
        if (o["$ref"] is JsonValue r && _keptOpen.Add(Name(r))) KeepOpen(_components[Name(r)]);
        foreach (var member in Combinators.Select(c => o[c]).OfType<JsonArray>().SelectMany(a => a)) KeepOpen(member);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Descendants(p.Value)).Prepend(o),
        JsonArray a => a.SelectMany(Descendants).Prepend(a),
        _ => [],
    };
}

/// <summary>Reduces a hierarchical evaluation to its failing leaves, choosing the closest alternative of an anyOf/oneOf.</summary>
internal static class SchemaFailures
{
    public readonly record struct Failure(JsonPointer Location, string Message);

    public static List<Failure> Of(EvaluationResults node)
    {
        var failures = new List<Failure>();
        if (node.IsValid) return failures;
        failures.AddRange((node.Errors ?? new Dictionary<string, string>()).Select(e => new Failure(node.InstanceLocation, Explain(node, e.Value))));
        foreach (var group in (node.Details ?? []).GroupBy(Alternative))
        {
            if (group.Key is null) failures.AddRange(group.SelectMany(Of));
            else if (!group.Any(b => b.IsValid)) failures.AddRange(Closest([.. group]));
        }
        return failures;
    }

    /// <summary>"$.points[0].vector" for the pointer /points/0/vector, reading the instance to tell indexes from names.</summary>
    public static string Display(JsonPointer location, JsonElement instance)
    {
        var text = new System.Text.StringBuilder("$");
        for (var i = 0; i < location.SegmentCount; i++)
        {
            var segment = location[i].ToString();
            if (instance.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var index))
            {
                text.Append('[').Append(index).Append(']');
                instance = index < instance.GetArrayLength() ? instance[index] : default;
            }
            else
            {
                text.Append('.').Append(segment);
                instance = instance.ValueKind == JsonValueKind.Object && instance.TryGetProperty(segment, out var child) ? child : default;
            }
        }
        return text.ToString();
    }

    // A branch of an anyOf/oneOf shows as a child whose evaluation path ends in "anyOf/<index>".
    private static string? Alternative(EvaluationResults child) =>
        Segment(child.EvaluationPath, 2) is "anyOf" or "oneOf" && int.TryParse(Segment(child.EvaluationPath, 1), CultureInfo.InvariantCulture, out _)
            ? Segment(child.EvaluationPath, 2) : null;

    private static string Segment(JsonPointer path, int fromEnd) => path.SegmentCount >= fromEnd ? path[path.SegmentCount - fromEnd].ToString() : string.Empty;

    // The branch whose failures lie deepest got furthest, so its complaints are the useful ones; when none got past
    // the value itself, a one-line summary beats a wall of "should be array / should be object".
    private static List<Failure> Closest(IReadOnlyList<EvaluationResults> branches)
    {
        var here = branches[0].InstanceLocation;
        var outcomes = branches.Select(Of).Where(f => f.Count > 0).ToList();
        var best = outcomes.OrderByDescending(f => f.Max(x => x.Location.SegmentCount)).ThenBy(f => f.Count).FirstOrDefault();
        if (best is not null && best.Max(x => x.Location.SegmentCount) > here.SegmentCount) return best;
        var reasons = outcomes.SelectMany(f => f).Select(f => f.Message).Distinct().Take(4);
        return [new(here, $"matches none of the {branches.Count} allowed shapes ({string.Join("; ", reasons)})")];
    }

    private static string Explain(EvaluationResults node, string message) => Segment(node.EvaluationPath, 1) switch
    {
        "unevaluatedProperties" => "unknown property (strict mode: the schema lists no such property)",
        "additionalProperties" => "unknown property (the schema allows no other properties)",
        _ => message,
    };
}

/// <summary>A deterministic sample of JSON shaped by an OpenAPI 3.0 schema, to prove our DTOs parse Qdrant's responses.</summary>
internal sealed class SchemaSample(JsonObject components)
{
    private const int MaxDepth = 24;

    public JsonNode? Generate(JsonNode? node, int depth)
    {
        if (node is not JsonObject schema || depth > MaxDepth || OpenApi30SchemaTranslator.IsNullOnly(schema)) return null;
        if (schema["$ref"] is JsonValue reference) return Generate(components[OpenApi30SchemaTranslator.Name(reference)], depth + 1);
        if (schema["example"] is { } example) return example.DeepClone();
        if (schema["enum"] is JsonArray values) return values[0]?.DeepClone();
        if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray branches)
            return Generate(branches.FirstOrDefault(b => !OpenApi30SchemaTranslator.IsNullOnly(b)), depth + 1);
        if (schema["allOf"] is JsonArray parts) return Merge(parts.Select(p => Generate(p, depth + 1)));
        return schema["type"]?.GetValue<string>() switch
        {
            "array" => Generate(schema["items"], depth + 1) is { } item ? new JsonArray(item) : [],
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "uuid" => "5c56c793-69f3-4fbf-87e6-c4bf54c28c26",
                "date-time" => "2025-01-01T00:00:00Z",
                _ => "string",
            },
            "integer" or "number" => schema["minimum"]?.DeepClone() ?? 0,
            "boolean" => true,
            "object" => Object(schema, depth),
            null when schema.ContainsKey("properties") || schema.ContainsKey("additionalProperties") => Object(schema, depth),
            _ => null,
        };
    }

    private JsonObject Object(JsonObject schema, int depth)
    {
        var required = (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            // The envelope (depth 0) is given whole: result, status, time and usage.
            if (depth == 0 || required.Contains(name) || IsSimple(property, depth)) result[name] = Generate(property, depth + 1);
        }
        // A map gets one entry, so a DTO's dictionary is exercised rather than left empty.
        if (schema["additionalProperties"] is JsonObject values && Generate(values, depth + 1) is { } entry) result["key"] = entry;
        return result;
    }

    private bool IsSimple(JsonNode? node, int depth) => node switch
    {
        _ when depth > MaxDepth => false,
        JsonObject o when o["$ref"] is JsonValue r => IsSimple(components[OpenApi30SchemaTranslator.Name(r)], depth + 1),
        JsonObject o when (o["anyOf"] ?? o["oneOf"]) is JsonArray b => IsSimple(b.FirstOrDefault(x => !OpenApi30SchemaTranslator.IsNullOnly(x)), depth + 1),
        JsonObject o => o.ContainsKey("enum") || o["type"]?.GetValue<string>() is "string" or "integer" or "number" or "boolean",
        _ => false,
    };

    private static JsonObject Merge(IEnumerable<JsonNode?> samples)
    {
        var merged = new JsonObject();
        foreach (var (name, value) in samples.OfType<JsonObject>().SelectMany(s => s)) merged[name] = value?.DeepClone();
        return merged;
    }
}
