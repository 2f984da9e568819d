using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// How the knowledge base lives in one Qdrant collection: each chunk is a point with a named dense vector, a named
/// sparse (BM25) vector and its text and metadata as payload; each article is a point without vectors holding its
/// record. Replicas need nothing else to search or to serve an article.
/// </summary>
public static class QdrantCollectionLayout
{
    public const string DenseVector = "dense";
    public const string SparseVector = "bm25";
    public const string ChunkKind = "chunk";
    public const string ArticleKind = "article";

    /// <summary>Payload fields with a keyword index: the filters of every search, and the keys of updates.</summary>
    public static readonly IReadOnlyList<string> IndexedFields = ["kind", "audience", "language", "product_area", "article_id", "content_hash"];

    /// <summary>A point id (UUID) derived from the chunk or article id, so a re-upsert replaces the same point.</summary>
    public static string PointId(string kind, string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + id));
        // Version 8 (custom) and RFC 4122 variant bits, so the id is a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    public static PointStruct ChunkPoint(IndexedChunk indexed, RetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(indexed);
        var chunk = indexed.Chunk;
        return new PointStruct(PointId(ChunkKind, chunk.Id), new PointVectors(indexed.Vector.ToArray(), SparseTermVectors.ForChunk(chunk, options)), new PointPayload
        {
            Kind = ChunkKind,
            ArticleId = chunk.ArticleId,
            ChunkId = chunk.Id,
            Ordinal = chunk.Ordinal,
            Title = chunk.Title,
            Url = chunk.Url,
            HeadingPath = chunk.HeadingPath,
            Text = chunk.Text,
            ContentHash = chunk.ContentHash,
            Audience = chunk.Audience.ToWireName(),
            Locale = chunk.Locale,
            Language = RetrievalFilter.LanguageOf(chunk.Locale),
            ProductArea = chunk.ProductArea,
        });
    }

    public static PointStruct ArticlePoint(Article article, string contentHash, int chunkCount, DateTimeOffset indexedAt)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new PointStruct(PointId(ArticleKind, article.Id), new PointVectors(), new PointPayload
        {
            Kind = ArticleKind,
            ArticleId = article.Id,
            Title = article.Title,
            Url = article.Url,
            Locale = article.Locale,
            Language = RetrievalFilter.LanguageOf(article.Locale),
            Audience = article.Audience.ToWireName(),
            ProductArea = article.ProductArea,
            Tags = article.Tags,
            Updated = article.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Body = article.Body,
            ContentHash = contentHash,
            IndexedAt = indexedAt.ToString("O", CultureInfo.InvariantCulture),
            ChunkCount = chunkCount,
        });
    }

    /// <summary>The chunk a point's payload describes; null when the payload is not a complete chunk.</summary>
    public static Chunk? ToChunk(PointPayload? p) =>
        p is { Kind: ChunkKind, ChunkId: { } id, ArticleId: { } articleId, Ordinal: { } ordinal, Title: { } title, HeadingPath: { } path, Text: { } text, ContentHash: { } hash, Audience: { } audience, Locale: { } locale }
            ? new Chunk(id, articleId, ordinal, title, p.Url, path, text, hash, ReadAudience(audience), locale, p.ProductArea)
            : null;

    /// <summary>The article a point's payload records; null when the payload is not a complete article.</summary>
    public static StoredArticle? ToArticle(PointPayload? p) =>
        p is { Kind: ArticleKind, ArticleId: { } id, Title: { } title, Locale: { } locale, Audience: { } audience, Body: { } body, ContentHash: { } hash, IndexedAt: { } at }
        && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var indexedAt)
            ? new StoredArticle(
                new Article(id, title, p.Url, locale, ReadAudience(audience), p.ProductArea, p.Tags ?? [],
                    DateOnly.TryParse(p.Updated, CultureInfo.InvariantCulture, out var updated) ? updated : null, body),
                hash, p.ChunkCount ?? 0, indexedAt)
            : null;

    /// <summary>The search filter as Qdrant conditions: chunks only, and the audience, language and area asked for.</summary>
    public static Filter ChunkFilter(RetrievalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var must = new List<Condition> { Condition.Equal("kind", ChunkKind) };
        // Agents see both audiences; end users only public chunks. The condition is part of the query itself.
        if (!filter.Audience.CanSee(ArticleAudience.Internal)) must.Add(Condition.Equal("audience", ArticleAudience.Public.ToWireName()));
        if (filter.Language is { } language) must.Add(Condition.Equal("language", language));
        if (filter.ProductArea is { } area) must.Add(Condition.Equal("product_area", area));
        return new Filter(must);
    }

    public static Filter OfKind(string kind) => new([Condition.Equal("kind", kind)]);

    public static Filter ArticleFilter(string articleId) => new([Condition.Equal("article_id", articleId)]);

    private static ArticleAudience ReadAudience(string value) => value == ArticleAudience.Internal.ToWireName() ? ArticleAudience.Internal : ArticleAudience.Public;
}
