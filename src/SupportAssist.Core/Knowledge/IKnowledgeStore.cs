namespace SupportAssist.Knowledge;

/// <summary>The write side of the knowledge base: articles and their indexed chunks, replaced atomically.</summary>
public interface IKnowledgeStore
{
    /// <summary>The content hash recorded when the article was last indexed, or null when it is not stored.</summary>
    Task<string?> GetContentHashAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Stored vectors by chunk content hash, for chunks that need no new embedding.</summary>
    Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetVectorsAsync(IReadOnlyCollection<string> contentHashes, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the article and all its chunks in one step: searches see the old or the new version, never a mix.
    /// Throws <see cref="EmbedderMismatchException"/> when the index holds vectors of another embedder.
    /// </summary>
    Task ReplaceArticleAsync(Article article, string contentHash, IReadOnlyList<IndexedChunk> chunks, string embedder, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces each of <paramref name="articles"/> as <see cref="ReplaceArticleAsync"/> does. A store that can writes them
    /// in one step (one transaction, one index update); by default they are written one at a time, in order.
    /// </summary>
    async Task ReplaceArticlesAsync(IReadOnlyList<(Article Article, string ContentHash, IReadOnlyList<IndexedChunk> Chunks)> articles, string embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        foreach (var (article, hash, chunks) in articles) await ReplaceArticleAsync(article, hash, chunks, embedder, cancellationToken);
    }

    /// <summary>Replaces every article and chunk in one step, recording <paramref name="embedder"/> as the index's embedder.</summary>
    Task ReplaceAllAsync(IReadOnlyList<(Article Article, string ContentHash, IReadOnlyList<IndexedChunk> Chunks)> articles, string embedder, CancellationToken cancellationToken);

    /// <summary>Every stored article.</summary>
    Task<IReadOnlyList<Article>> ListArticlesAsync(CancellationToken cancellationToken);

    /// <summary>The embedder that built the stored vectors, or null when no chunk is stored.</summary>
    Task<string?> GetEmbedderAsync(CancellationToken cancellationToken);

    /// <summary>Removes the article and its chunks; false when it was not stored.</summary>
    Task<bool> DeleteArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>The stored article, or null.</summary>
    Task<StoredArticle?> GetArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>How many articles are stored.</summary>
    Task<int> CountArticlesAsync(CancellationToken cancellationToken);
}
