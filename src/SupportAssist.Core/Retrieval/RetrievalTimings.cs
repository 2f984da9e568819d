namespace SupportAssist.Retrieval;

/// <summary>Where the time went, in milliseconds.</summary>
public sealed record RetrievalTimings(double EmbedMs, double DenseMs, double KeywordMs, double TotalMs);
