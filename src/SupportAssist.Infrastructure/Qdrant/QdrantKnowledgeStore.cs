using System.Globalization;
using Microsoft.Extensions.Options;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;
using static Qdrant.Client.Grpc.Conditions;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// The knowledge base in Qdrant (layout: <see cref="QdrantCollectionLayout"/>). An article's update upserts its new
/// chunks before deleting the ones it no longer has, so a search meanwhile sees the article, never a gap; a full
/// rebuild goes to a new collection behind the alias. With a local copy configured, every write that reached
/// Qdrant is repeated in the SQLite store, which answers BM25 searches when Qdrant cannot be reached.
/// </summary>
public sealed class QdrantKnowledgeStore(
    QdrantGateway client,
    QdrantCollections collections,
    IOptions<VectorStoreOptions> options,
    IOptions<RetrievalOptions> retrieval,
    TimeProvider clock,
    SqliteKnowledgeStore? localCopy = null) : IKnowledgeStore, IDisposable
{
    private const uint PageSize = 256;
    private readonly QdrantOptions _options = options.Value.Qdrant;
    private readonly RetrievalOptions _retrieval = retrieval.Value;
    private readonly SemaphoreSlim _writes = new(1, 1);

    private string Alias => collections.Alias;

    public async Task<string?> GetContentHashAsync(string articleId, CancellationToken cancellationToken) =>
        (await GetArticleAsync(articleId, cancellationToken))?.ContentHash;

    public async Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetVectorsAsync(IReadOnlyCollection<string> contentHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHashes);
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        if (contentHashes.Count == 0) return vectors;
        var filter = new Filter { Must = { MatchKeyword("kind", QdrantCollectionLayout.ChunkKind), Match("content_hash", [.. contentHashes]) } };
        await foreach (var point in ScrollAsync(filter, [QdrantCollectionLayout.DenseVector], cancellationToken))
        {
            if (point.Payload.TryGetValue("content_hash", out var hash) && hash.KindCase == Value.KindOneofCase.StringValue
                && point.Vectors?.Vectors?.Vectors.TryGetValue(QdrantCollectionLayout.DenseVector, out var dense) == true)
                vectors.TryAdd(hash.StringValue, DenseValues(dense));
        }
        return vectors;
    }

    public async Task ReplaceArticleAsync(Article article, string contentHash, IReadOnlyList<IndexedChunk> chunks, string embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(chunks);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var description = await collections.DescribeAsync(cancellationToken, fresh: true);
            if (description is { HasChunks: true } && description.Identity != embedder) throw new EmbedderMismatchException(description.Identity, embedder);
            if (description is null || description.Identity != embedder)
            {
                // No collection yet, or an emptied one made for another embedder (its vector size may differ).
                var created = await collections.CreateAsync(embedder, Dimensions(chunks, embedder), cancellationToken);
                var previous = await collections.SwapAsync(created, cancellationToken);
                if (previous is not null) await collections.TryDeleteAsync(previous);
            }

            var points = chunks.Select(c => QdrantCollectionLayout.ChunkPoint(c, _retrieval)).ToList();
            foreach (var batch in points.Chunk(_options.UpsertBatchSize))
                await client.UpsertAsync(Alias, batch, cancellationToken);
            // Chunks the article no longer has go after the new ones (a search meanwhile sees old and new, never none),
            // and the record with the new content hash goes last: if anything before fails, the next import of the
            // same article is not "unchanged" and finishes the job, so no stale chunk can outlive a failure.
            var stale = new Filter
            {
                Must = { MatchKeyword("article_id", article.Id), MatchKeyword("kind", QdrantCollectionLayout.ChunkKind) },
                MustNot = { new Condition { HasId = new HasIdCondition { HasId = { points.Select(p => p.Id) } } } },
            };
            await client.DeleteAsync(Alias, stale, cancellationToken);
            await client.UpsertAsync(Alias, [QdrantCollectionLayout.ArticlePoint(article, contentHash, chunks.Count, clock.GetUtcNow())], cancellationToken);
            collections.Invalidate();

            if (localCopy is not null) await localCopy.ReplaceArticleAsync(article, contentHash, chunks, embedder, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task ReplaceAllAsync(IReadOnlyList<(Article Article, string ContentHash, IReadOnlyList<IndexedChunk> Chunks)> articles, string embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await collections.DeleteOrphansAsync(cancellationToken);
            var chunks = articles.SelectMany(a => a.Chunks).ToList();
            // CreateAsync deletes what it made if it fails; from here on, so does this method.
            var created = await collections.CreateAsync(embedder, Dimensions(chunks, embedder), cancellationToken);
            try
            {
                foreach (var batch in chunks.Select(c => QdrantCollectionLayout.ChunkPoint(c, _retrieval)).Chunk(_options.UpsertBatchSize))
                    await client.UpsertAsync(created, batch, cancellationToken);
                var now = clock.GetUtcNow();
                foreach (var batch in articles.Select(a => QdrantCollectionLayout.ArticlePoint(a.Article, a.ContentHash, a.Chunks.Count, now)).Chunk(_options.UpsertBatchSize))
                    await client.UpsertAsync(created, batch, cancellationToken);
                // Counted on every replica of every shard: a lagging replica must not pass, nor fail, a complete rebuild.
                var stored = await client.CountAsync(created, null, cancellationToken, allReplicas: true);
                var expected = chunks.Select(c => c.Chunk.Id).Distinct(StringComparer.Ordinal).Count() + articles.Count;
                if (stored != (ulong)expected)
                    throw new QdrantException($"the rebuilt collection {created} holds {stored} points, expected {expected}; the alias stays on the previous collection", status: null);
            }
            catch
            {
                // The alias never moved: searches keep the previous, complete collection. The part-built one goes.
                await collections.TryDeleteAsync(created);
                throw;
            }
            var previous = await collections.SwapAsync(created, cancellationToken);
            if (previous is not null) await collections.TryDeleteAsync(previous);

            if (localCopy is not null) await localCopy.ReplaceAllAsync(articles, embedder, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<IReadOnlyList<Article>> ListArticlesAsync(CancellationToken cancellationToken)
    {
        var articles = new List<Article>();
        await foreach (var point in ScrollAsync(QdrantCollectionLayout.OfKind(QdrantCollectionLayout.ArticleKind), null, cancellationToken))
        {
            if (QdrantCollectionLayout.ToArticle(point.Payload) is { } stored) articles.Add(stored.Article);
        }
        return articles.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<string?> GetEmbedderAsync(CancellationToken cancellationToken) =>
        await collections.DescribeAsync(cancellationToken, fresh: true) is { HasChunks: true } index ? index.Identity : null;

    public async Task<bool> DeleteArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var filter = QdrantCollectionLayout.ArticleFilter(articleId);
            var existed = await client.CountAsync(Alias, filter, cancellationToken) > 0;
            if (existed) await client.DeleteAsync(Alias, filter, cancellationToken);
            collections.Invalidate();
            if (localCopy is not null) await localCopy.DeleteArticleAsync(articleId, cancellationToken);
            return existed;
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<StoredArticle?> GetArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        var filter = new Filter { Must = { MatchKeyword("kind", QdrantCollectionLayout.ArticleKind), MatchKeyword("article_id", articleId) } };
        var page = await client.ScrollAsync(Alias, filter, 1, null, withPayload: true, withVectors: null, cancellationToken);
        return page.Result.Count == 0 ? null : QdrantCollectionLayout.ToArticle(page.Result[0].Payload);
    }

    public async Task<int> CountArticlesAsync(CancellationToken cancellationToken) =>
        (int)await client.CountAsync(Alias, QdrantCollectionLayout.OfKind(QdrantCollectionLayout.ArticleKind), cancellationToken);

    public void Dispose() => _writes.Dispose();

    private async IAsyncEnumerable<RetrievedPoint> ScrollAsync(Filter filter, IReadOnlyList<string>? withVector, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PointId? offset = null;
        do
        {
            var page = await client.ScrollAsync(Alias, filter, PageSize, offset, withPayload: true, withVector, cancellationToken);
            foreach (var point in page.Result) yield return point;
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }

    // Servers before 1.14 answer the dense vector in the deprecated flat field, newer ones in its own message.
#pragma warning disable CS0612 // the deprecated field is read on purpose
    private static float[] DenseValues(VectorOutput vector) => vector.Dense is { } dense ? [.. dense.Data] : [.. vector.Data];
#pragma warning restore CS0612

    // The vectors' own length, or for an index created before any chunk, the size the embedder's identity names.
    private static int Dimensions(IReadOnlyList<IndexedChunk> chunks, string embedder)
    {
        if (chunks.Count > 0) return chunks[0].Vector.Length;
        return int.TryParse(embedder.AsSpan(embedder.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var dimensions) && dimensions > 0
            ? dimensions
            : throw new QdrantException($"no Qdrant collection can be created yet: there is no chunk to measure the vector size by, and the embedder '{embedder}' does not name it (set SupportAssist:Embeddings:ModelDimensions)", status: null);
    }
}
