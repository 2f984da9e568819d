namespace SupportAssist.Knowledge;

/// <summary>The outcome of ingesting one article.</summary>
/// <param name="Chunks">Chunks now indexed for the article (0 when unchanged or unpublished).</param>
/// <param name="Embedded">Chunks that needed a new embedding; the others reused stored vectors.</param>
public sealed record IngestResult(string ArticleId, IngestStatus Status, int Chunks, int Embedded);
