namespace SupportAssist.Retrieval;

/// <summary>Which retrievers run for a query.</summary>
public enum RetrievalMode
{
    /// <summary>Dense and BM25, fused.</summary>
    Hybrid,

    /// <summary>Dense only.</summary>
    Dense,

    /// <summary>BM25 only.</summary>
    Keyword,
}
