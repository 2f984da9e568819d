namespace SupportAssist.Testing;

/// <summary>Qdrant's scoring functions, in single precision as Qdrant computes them.</summary>
internal static class FakeQdrantScoring
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

    public static float Dense(Qdrant.Client.Grpc.Distance distance, float[] stored, float[] query) => distance switch
    {
        Qdrant.Client.Grpc.Distance.Cosine or Qdrant.Client.Grpc.Distance.Dot => Dot(stored, query),
        Qdrant.Client.Grpc.Distance.Euclid => MathF.Sqrt(stored.Zip(query, (a, b) => (a - b) * (a - b)).Sum()),
        Qdrant.Client.Grpc.Distance.Manhattan => stored.Zip(query, (a, b) => MathF.Abs(a - b)).Sum(),
        _ => throw QdrantRejection.Unsupported($"the distance {distance}"),
    };

    /// <summary>Dot product over shared indices; null when they share none (Qdrant's score_vectors returns None then).</summary>
    public static float? SparseDot(StoredSparse stored, StoredSparse query)
    {
        float? score = null;
        for (var i = 0; i < query.Indices.Length; i++)
        {
            if (stored.ValueAt(query.Indices[i]) is { } value) score = (score ?? 0) + (value * query.Values[i]);
        }

        return score;
    }

    /// <summary>
    /// Qdrant's weighted RRF (lib/segment/src/common/reciprocal_rank_fusion.rs; docs: concepts/hybrid-queries):
    /// each source adds 1 / ((position + 1) / weight + k - 1) with 0-based positions, i.e. 1 / (position + k) at weight 1; k defaults to 2.
    /// </summary>
    public static IEnumerable<Ranked> ReciprocalRankFusion(IReadOnlyList<IReadOnlyList<Ranked>> sources, int k, IReadOnlyList<float>? weights)
    {
        if (weights is not null && weights.Count != sources.Count)
            throw QdrantRejection.WrongInput($"Number of weights in RRF should match number of pre-fetches: got {weights.Count}, expected {sources.Count}");

        var fused = new Dictionary<Qdrant.Client.Grpc.PointId, Ranked>();
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
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
