namespace SupportAssist.Retrieval;

/// <summary>A search: the text, who asks and with which filters, and how many articles to return.</summary>
public sealed record RetrievalQuery(string Text, RetrievalFilter Filter, int Limit, RetrievalMode Mode = RetrievalMode.Hybrid)
{
    /// <summary>
    /// Keep each retriever's own ranks and scores (the answer policy's evidence reads them): the lists are fused
    /// here even where the index could fuse them itself in one query, at the cost of a second query.
    /// </summary>
    public bool NeedsRetrieverScores { get; init; }
}
