namespace SupportAssist.Evals.Retrieval;

/// <summary>A retrieval run: how long indexing took and each retriever's results.</summary>
public sealed record RetrievalRun(int Documents, int Chunks, double IndexSeconds, string Embedder, IReadOnlyList<RetrieverResult> Retrievers);
