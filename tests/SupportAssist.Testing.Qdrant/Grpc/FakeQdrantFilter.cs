using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>Qdrant's payload filters compiled to predicates: must / should / must_not / min_should, nested filters, field conditions.</summary>
internal static class FakeQdrantFilter
{
    public static Func<StoredPoint, bool> Compile(Filter? filter)
    {
        if (filter is null) return static _ => true;
        var must = filter.Must.Select(Condition).ToList();
        var should = filter.Should.Select(Condition).ToList();
        var mustNot = filter.MustNot.Select(Condition).ToList();
        var minShould = filter.MinShould is { } min ? (Conditions: min.Conditions.Select(Condition).ToList(), Count: (int)min.MinCount) : (Conditions: [], Count: 0);

        return point => must.All(c => c(point))
            && (should.Count == 0 || should.Any(c => c(point)))
            && !mustNot.Any(c => c(point))
            && minShould.Conditions.Count(c => c(point)) >= minShould.Count;
    }

    /// <summary>The values at a payload key ("a.b"), arrays flattened as Qdrant does; an explicit null is kept as a null value.</summary>
    public static List<Value> PayloadValues(MapField<string, Value> payload, string key)
    {
        var segments = key.Split('.');
        List<Value> current = payload.TryGetValue(segments[0].TrimEnd('[', ']'), out var first) ? [first] : [];
        foreach (var segment in segments.Skip(1))
        {
            var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
            current = [.. Flatten(current).Where(v => v.KindCase == Value.KindOneofCase.StructValue && v.StructValue.Fields.ContainsKey(name)).Select(v => v.StructValue.Fields[name])];
        }

        return [.. Flatten(current)];

        static IEnumerable<Value> Flatten(IEnumerable<Value> values) =>
            values.SelectMany(v => v.KindCase == Value.KindOneofCase.ListValue ? v.ListValue.Values.AsEnumerable() : [v]);
    }

    private static Func<StoredPoint, bool> Condition(Condition condition) => condition.ConditionOneOfCase switch
    {
        Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.Field => FieldCondition(condition.Field),
        Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.HasId => HasId(condition.HasId),
        Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.Filter => Compile(condition.Filter),
        Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.HasVector => point => point.Dense.ContainsKey(condition.HasVector.HasVector) || point.Sparse.ContainsKey(condition.HasVector.HasVector),
        Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.IsEmpty => point => PayloadValues(point.Payload, condition.IsEmpty.Key).All(IsNull),
        Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.IsNull => point => PayloadValues(point.Payload, condition.IsNull.Key).Any(IsNull),
        var other => throw QdrantRejection.Unsupported($"the {other} condition"),
    };

    private static Func<StoredPoint, bool> HasId(HasIdCondition condition)
    {
        var wanted = condition.HasId.Select((id, i) => PointIdOrder.Normalize(id, $"has_id[{i}]")).ToHashSet();
        return point => wanted.Contains(point.Id);
    }

    private static Func<StoredPoint, bool> FieldCondition(FieldCondition condition)
    {
        var tests = new List<Func<List<Value>, bool>>();
        if (condition.Match is { } match) tests.Add(Match(match));
        if (condition.Range is { } range) tests.Add(Range(range));
        if (condition.HasIsEmpty && condition.IsEmpty) tests.Add(values => values.All(IsNull));
        if (condition.HasIsNull && condition.IsNull) tests.Add(values => values.Any(IsNull));
        if (condition.GeoBoundingBox is not null || condition.GeoRadius is not null || condition.GeoPolygon is not null || condition.ValuesCount is not null || condition.DatetimeRange is not null)
            throw QdrantRejection.Unsupported("geo, values-count and datetime conditions");
        if (tests.Count == 0) throw QdrantRejection.WrongInput($"{condition.Key}: at least one field condition must be specified");
        return point =>
        {
            var values = PayloadValues(point.Payload, condition.Key);
            return tests.All(test => test(values));
        };
    }

    // A payload array matches when any of its elements does, as in Qdrant.
    private static Func<List<Value>, bool> Match(Match match) => match.MatchValueCase switch
    {
        Qdrant.Client.Grpc.Match.MatchValueOneofCase.Keyword => values => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == match.Keyword),
        Qdrant.Client.Grpc.Match.MatchValueOneofCase.Keywords => values => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(v.StringValue)),
        Qdrant.Client.Grpc.Match.MatchValueOneofCase.ExceptKeywords => values => values.Any(v => v.KindCase != Value.KindOneofCase.StringValue || !match.ExceptKeywords.Strings.Contains(v.StringValue)),
        Qdrant.Client.Grpc.Match.MatchValueOneofCase.Integer => values => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer),
        Qdrant.Client.Grpc.Match.MatchValueOneofCase.Integers => values => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(v.IntegerValue)),
        Qdrant.Client.Grpc.Match.MatchValueOneofCase.Boolean => values => values.Any(v => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == match.Boolean),
        var other => throw QdrantRejection.Unsupported($"the {other} match (full-text, phrase and prefix matches)"),
    };

    private static Func<List<Value>, bool> Range(Qdrant.Client.Grpc.Range range) => values => values.Any(v =>
        (v.KindCase is Value.KindOneofCase.IntegerValue or Value.KindOneofCase.DoubleValue)
        && (v.KindCase == Value.KindOneofCase.IntegerValue ? v.IntegerValue : v.DoubleValue) is var x
        && (!range.HasGt || x > range.Gt) && (!range.HasGte || x >= range.Gte) && (!range.HasLt || x < range.Lt) && (!range.HasLte || x <= range.Lte));

    private static bool IsNull(Value value) => value.KindCase is Value.KindOneofCase.NullValue or Value.KindOneofCase.None;
}
