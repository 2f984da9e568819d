namespace SupportAssist.Api.Articles;

/// <summary>What a write did to one article.</summary>
/// <param name="Status"><c>created</c>, <c>updated</c>, <c>unchanged</c> (no work done) or <c>unpublished</c> (removed from search).</param>
/// <param name="Embedded">Chunks that needed a new embedding; the rest reused stored vectors.</param>
internal sealed record ArticleWriteResponse(string ArticleId, IngestStatus Status, int Chunks, int Embedded);
