using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>What a chunk's rows share with the rest of its article; one object per article, not per row.</summary>
internal sealed record IndexedArticle(string Id, string Title, string? Url, ArticleAudience Audience, string Locale, string? ProductArea)
{
    public static IndexedArticle Of(Chunk chunk) => new(chunk.ArticleId, chunk.Title, chunk.Url, chunk.Audience, chunk.Locale, chunk.ProductArea);

    public bool Holds(Chunk chunk) =>
        Id == chunk.ArticleId && Title == chunk.Title && Url == chunk.Url && Audience == chunk.Audience && Locale == chunk.Locale && ProductArea == chunk.ProductArea;
}
