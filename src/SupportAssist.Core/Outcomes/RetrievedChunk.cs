namespace SupportAssist.Outcomes;

/// <summary>A retrieved chunk as the outcome records it: enough to rebuild the ranking in an eval.</summary>
public sealed record RetrievedChunk(string ArticleId, string ChunkId, double Score);
