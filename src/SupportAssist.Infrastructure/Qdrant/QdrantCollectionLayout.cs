using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;
using static Qdrant.Client.Grpc.Conditions;

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
    public static string PointUuid(string kind, string id)
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
        var sparse = SparseTermVectors.ForChunk(chunk, options);
        var vectors = new NamedVectors();
        vectors.Vectors[DenseVector] = new Vector { Dense = new DenseVector { Data = { indexed.Vector.ToArray() } } };
        vectors.Vectors[SparseVector] = new Vector { Sparse = sparse };
        var point = new PointStruct { Id = new PointId { Uuid = PointUuid(ChunkKind, chunk.Id) }, Vectors = new Vectors { Vectors_ = vectors } };
        Put(point.Payload, "kind", ChunkKind);
        Put(point.Payload, "article_id", chunk.ArticleId);
        Put(point.Payload, "chunk_id", chunk.Id);
        point.Payload["ordinal"] = new Value { IntegerValue = chunk.Ordinal };
        Put(point.Payload, "title", chunk.Title);
        Put(point.Payload, "url", chunk.Url);
        Put(point.Payload, "heading_path", chunk.HeadingPath);
        Put(point.Payload, "text", chunk.Text);
        Put(point.Payload, "content_hash", chunk.ContentHash);
        Put(point.Payload, "audience", EnumNames.Of(chunk.Audience));
        Put(point.Payload, "locale", chunk.Locale);
        Put(point.Payload, "language", RetrievalFilter.LanguageOf(chunk.Locale));
        Put(point.Payload, "product_area", chunk.ProductArea);
        return point;
    }

    public static PointStruct ArticlePoint(Article article, string contentHash, int chunkCount, DateTimeOffset indexedAt)
    {
        ArgumentNullException.ThrowIfNull(article);
        // A record without vectors: never a search candidate, always found by a scroll on its kind.
        var point = new PointStruct { Id = new PointId { Uuid = PointUuid(ArticleKind, article.Id) }, Vectors = new Vectors { Vectors_ = new NamedVectors() } };
        Put(point.Payload, "kind", ArticleKind);
        Put(point.Payload, "article_id", article.Id);
        Put(point.Payload, "title", article.Title);
        Put(point.Payload, "url", article.Url);
        Put(point.Payload, "locale", article.Locale);
        Put(point.Payload, "language", RetrievalFilter.LanguageOf(article.Locale));
        Put(point.Payload, "audience", EnumNames.Of(article.Audience));
        Put(point.Payload, "product_area", article.ProductArea);
        var tags = new ListValue();
        tags.Values.Add(article.Tags.Select(t => new Value { StringValue = t }));
        point.Payload["tags"] = new Value { ListValue = tags };
        Put(point.Payload, "updated", article.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put(point.Payload, "body", article.Body);
        Put(point.Payload, "content_hash", contentHash);
        Put(point.Payload, "indexed_at", indexedAt.ToString("O", CultureInfo.InvariantCulture));
        point.Payload["chunk_count"] = new Value { IntegerValue = chunkCount };
        return point;
    }

    /// <summary>The chunk a point's payload describes; null when the payload is not a complete chunk.</summary>
    public static Chunk? ToChunk(MapField<string, Value> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Text(p, "kind") == ChunkKind
            && Text(p, "chunk_id") is { } id && Text(p, "article_id") is { } articleId && Integer(p, "ordinal") is { } ordinal && Text(p, "title") is { } title
            && Text(p, "heading_path") is { } path && Text(p, "text") is { } text && Text(p, "content_hash") is { } hash && Text(p, "audience") is { } audience && Text(p, "locale") is { } locale
                ? new Chunk(id, articleId, (int)ordinal, title, Text(p, "url"), path, text, hash, ReadAudience(audience), locale, Text(p, "product_area"))
                : null;
    }

    /// <summary>The article a point's payload records; null when the payload is not a complete article.</summary>
    public static StoredArticle? ToArticle(MapField<string, Value> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Text(p, "kind") == ArticleKind
            && Text(p, "article_id") is { } id && Text(p, "title") is { } title && Text(p, "locale") is { } locale && Text(p, "audience") is { } audience
            && Text(p, "body") is { } body && Text(p, "content_hash") is { } hash && Text(p, "indexed_at") is { } at
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var indexedAt)
                ? new StoredArticle(
                    new Article(id, title, Text(p, "url"), locale, ReadAudience(audience), Text(p, "product_area"), Texts(p, "tags"),
                        DateOnly.TryParse(Text(p, "updated"), CultureInfo.InvariantCulture, out var updated) ? updated : null, body),
                    hash, (int)(Integer(p, "chunk_count") ?? 0), indexedAt)
                : null;
    }

    /// <summary>The search filter as Qdrant conditions: chunks only, and the audience, language and area asked for.</summary>
    public static Filter ChunkFilter(RetrievalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var conditions = new Filter { Must = { MatchKeyword("kind", ChunkKind) } };
        // Agents see both audiences; end users only public chunks. The condition is part of the query itself.
        if (!filter.Audience.CanSee(ArticleAudience.Internal)) conditions.Must.Add(MatchKeyword("audience", EnumNames.Of(ArticleAudience.Public)));
        if (filter.Language is { } language) conditions.Must.Add(MatchKeyword("language", language));
        if (filter.ProductArea is { } area) conditions.Must.Add(MatchKeyword("product_area", area));
        return conditions;
    }

    public static Filter OfKind(string kind) => new() { Must = { MatchKeyword("kind", kind) } };

    public static Filter ArticleFilter(string articleId) => new() { Must = { MatchKeyword("article_id", articleId) } };

    // Absent values are left out rather than stored as null: a filter on the field then simply does not match.
    private static void Put(MapField<string, Value> payload, string key, string? value)
    {
        if (value is not null) payload[key] = new Value { StringValue = value };
    }

    private static string? Text(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static long? Integer(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.IntegerValue ? value.IntegerValue : null;

    private static List<string> Texts(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.ListValue
            ? [.. value.ListValue.Values.Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue)]
            : [];

    private static ArticleAudience ReadAudience(string value) => value == EnumNames.Of(ArticleAudience.Internal) ? ArticleAudience.Internal : ArticleAudience.Public;
}
