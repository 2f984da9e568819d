namespace SupportAssist.Testing;

/// <summary>A sparse vector; Qdrant requires unique indices and as many values as indices.</summary>
internal sealed record StoredSparse(uint[] Indices, float[] Values)
{
    public static StoredSparse Parse(IReadOnlyList<uint> indices, IReadOnlyList<float> values, string path)
    {
        // Qdrant checks these while validating the request.
        if (indices.Count != values.Count) throw QdrantRejection.WrongInput($"{path}: values must be the same length as indices");
        if (indices.Distinct().Count() != indices.Count) throw QdrantRejection.WrongInput($"{path}: indices must be unique");
        return new StoredSparse([.. indices], [.. values]);
    }

    public float? ValueAt(uint index)
    {
        var position = Array.IndexOf(Indices, index);
        return position < 0 ? null : Values[position];
    }
}
