namespace SupportAssist.Retrieval;

/// <summary>Lexical retrieval: BM25 over chunk titles, headings and text.</summary>
public interface IKeywordIndex
{
    /// <summary>The <paramref name="limit"/> best BM25 matches for <paramref name="query"/> that pass <paramref name="filter"/>, best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken);
}
