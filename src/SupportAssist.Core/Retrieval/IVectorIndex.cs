namespace SupportAssist.Retrieval;

/// <summary>Dense retrieval: nearest chunks to a query vector by cosine similarity.</summary>
public interface IVectorIndex
{
    /// <summary>The <paramref name="limit"/> chunks most similar to <paramref name="query"/> that pass <paramref name="filter"/>, best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>The embedder that built the indexed vectors (see <see cref="Knowledge.EmbedderIdentity"/>), or null when empty.</summary>
    Task<string?> GetEmbedderAsync(CancellationToken cancellationToken);
}
