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

/// <summary>
/// An index that runs dense and lexical retrieval and fuses them itself, in one query (Qdrant's prefetches
/// fused by reciprocal rank fusion). Hybrid retrieval uses it, when registered, instead of fusing two searches.
/// </summary>
public interface IFusedIndex
{
    /// <summary>
    /// The <paramref name="limit"/> best chunks by reciprocal rank fusion (<paramref name="fusion"/>, as
    /// <see cref="ReciprocalRankFusion"/> defines it) of the <paramref name="candidates"/> nearest to
    /// <paramref name="vector"/> and the <paramref name="candidates"/> best lexical matches for <paramref name="text"/>,
    /// all passing <paramref name="filter"/>; scores are the index's fused scores.
    /// </summary>
    Task<FusedHits> SearchFusedAsync(string text, ReadOnlyMemory<float> vector, RetrievalFilter filter, int candidates, int limit, FusionSettings fusion, CancellationToken cancellationToken);
}

/// <summary>Reciprocal rank fusion's constant and the weight of each list.</summary>
public sealed record FusionSettings(int RrfK, double DenseWeight, double KeywordWeight);

/// <summary>An index's fused result, and how many ranked lists it fused (a query without words has no lexical list).</summary>
public sealed record FusedHits(IReadOnlyList<ScoredChunk> Hits, int Lists);

/// <summary>The search index cannot be reached or refused the request; callers answer 503 or degrade.</summary>
public class IndexUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IndexUnavailableException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    public IndexUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public IndexUnavailableException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Whether trying again later may succeed (an outage), rather than needing a fix (a refused key).</summary>
    public virtual bool Transient => true;
}
