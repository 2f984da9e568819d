namespace SupportAssist.Knowledge;

/// <summary>An article as stored, with what indexing recorded about it.</summary>
public sealed record StoredArticle(Article Article, string ContentHash, int ChunkCount, DateTimeOffset IndexedAt);
