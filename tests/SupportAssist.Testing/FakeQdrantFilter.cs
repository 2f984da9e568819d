using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAssist.Testing;

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
