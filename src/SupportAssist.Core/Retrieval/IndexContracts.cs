using SupportAssist.Knowledge;

namespace SupportAssist.Retrieval;

/// <summary>A chunk found by one retriever with that retriever's own score (higher is better).</summary>
public sealed record ScoredChunk(Chunk Chunk, double Score);

/// <summary>Dense retrieval: nearest chunks to a query vector by cosine similarity.</summary>
public interface IVectorIndex
{
    /// <summary>The <paramref name="limit"/> chunks most similar to <paramref name="query"/> that pass <paramref name="filter"/>, best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>The embedder that built the indexed vectors (see <see cref="Knowledge.EmbedderIdentity"/>), or null when empty.</summary>
    Task<string?> GetEmbedderAsync(CancellationToken cancellationToken);
}

/// <summary>Lexical retrieval: BM25 over chunk titles, headings and text.</summary>
public interface IKeywordIndex
{
    /// <summary>The <paramref name="limit"/> best BM25 matches for <paramref name="query"/> that pass <paramref name="filter"/>, best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken);
}
