using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAssist.Knowledge;

/// <summary>
/// Indexes articles incrementally: an unchanged article costs one hash lookup, a changed one is
/// re-chunked and only chunks whose content is new are embedded, then swapped in atomically.
/// </summary>
public sealed partial class KnowledgeBaseIngestor(
    IKnowledgeStore store,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<KnowledgeBaseOptions> options,
    ILogger<KnowledgeBaseIngestor> logger)
{
    // Bump when chunking changes shape, so every article is re-chunked on its next import.
    private const string ChunkingVersion = "headings-v1";

    private readonly KnowledgeBaseOptions _options = options.Value;
    private readonly string _embedder = EmbedderIdentity.Of(embedder);
    private readonly MarkdownChunker _chunker = new(options.Value.MaxChunkChars, options.Value.ChunkOverlapChars);

    // Writes to one article are serialised (striped by id), so concurrent writes of a new id report "created" once
    // and the others see what it wrote. Within this process; see the README on several writers.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private SemaphoreSlim StripeOf(string id) => _stripes[(uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_stripes.Length];

    /// <summary>Indexes, updates, or (when unpublished) removes one article. The article must be valid (<see cref="ArticleRules"/>).</summary>
    public async Task<IngestResult> IngestAsync(Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var stripe = StripeOf(article.Id);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await IngestOneAsync(article, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<IngestResult> IngestOneAsync(Article article, CancellationToken cancellationToken)
    {
        if (!article.Published)
        {
            await store.DeleteArticleAsync(article.Id, cancellationToken);
            return new IngestResult(article.Id, IngestStatus.Unpublished, 0, 0);
        }

        var started = Stopwatch.GetTimestamp();
        var hash = ContentHash(article);
        var previous = await store.GetContentHashAsync(article.Id, cancellationToken);
        if (previous == hash) return new IngestResult(article.Id, IngestStatus.Unchanged, 0, 0);

        var chunks = _chunker.Chunk(article);
        var vectors = await VectorsForAsync(chunks, cancellationToken);
        var indexed = chunks.Select(c => new IndexedChunk(c, vectors.Vectors[c.ContentHash])).ToList();
        await store.ReplaceArticleAsync(article, hash, indexed, _embedder, cancellationToken);
        await WarmAnswerSentencesAsync(chunks, cancellationToken);

        var status = previous is null ? IngestStatus.Created : IngestStatus.Updated;
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogIngested(logger, article.Id, status, chunks.Count, vectors.Embedded, elapsedMs);
        return new IngestResult(article.Id, status, chunks.Count, vectors.Embedded);
    }

    /// <summary>
    /// Indexes, updates or removes each article as <see cref="IngestAsync"/> would, one after another, but writes them in
    /// batches of <see cref="KnowledgeBaseOptions.EmbeddingBatchSize"/> articles: a batch's new chunks are embedded
    /// together and its changed articles stored in one step (<see cref="IKnowledgeStore.ReplaceArticlesAsync"/>: one
    /// transaction, one index update). Results come in input order as each batch is written, so a caller stopped
    /// part-way knows what was written. An id met again starts a new batch, so the later line wins as it would alone.
    /// </summary>
    public async IAsyncEnumerable<IngestResult> IngestManyAsync(IEnumerable<Article> articles, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var batch = new List<Article>(_options.EmbeddingBatchSize);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            ArgumentNullException.ThrowIfNull(article);
            if (batch.Count == _options.EmbeddingBatchSize || !ids.Add(article.Id))
            {
                foreach (var result in await IngestBatchAsync(batch, cancellationToken)) yield return result;
                batch.Clear();
                ids.Clear();
                ids.Add(article.Id);
            }
            batch.Add(article);
        }
        if (batch.Count > 0)
        {
            foreach (var result in await IngestBatchAsync(batch, cancellationToken)) yield return result;
        }
    }

    // The batch's ids are distinct. Their stripes are taken in one order, so two batches (or a batch and single writes) never deadlock.
    private async Task<IngestResult[]> IngestBatchAsync(List<Article> batch, CancellationToken cancellationToken)
    {
        var stripes = batch.Select(a => StripeOf(a.Id)).Distinct().OrderBy(s => Array.IndexOf(_stripes, s)).ToList();
        var held = 0;
        try
        {
            for (; held < stripes.Count; held++) await stripes[held].WaitAsync(cancellationToken);
            return await IngestDistinctAsync(batch, cancellationToken);
        }
        finally
        {
            for (var i = 0; i < held; i++) stripes[i].Release();
        }
    }

    private async Task<IngestResult[]> IngestDistinctAsync(List<Article> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new IngestResult[batch.Count];
        var changed = new List<(int Index, Article Article, string Hash, bool Created, IReadOnlyList<Chunk> Chunks)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var article = batch[i];
            if (!article.Published)
            {
                await store.DeleteArticleAsync(article.Id, cancellationToken);
                results[i] = new IngestResult(article.Id, IngestStatus.Unpublished, 0, 0);
                continue;
            }
            var hash = ContentHash(article);
            var previous = await store.GetContentHashAsync(article.Id, cancellationToken);
            if (previous == hash) results[i] = new IngestResult(article.Id, IngestStatus.Unchanged, 0, 0);
            else changed.Add((i, article, hash, previous is null, _chunker.Chunk(article)));
        }
        if (changed.Count == 0) return results;

        var chunks = changed.SelectMany(c => c.Chunks).ToList();
        var vectors = await VectorsForAsync(chunks, cancellationToken);
        await store.ReplaceArticlesAsync(
            [.. changed.Select(c => (c.Article, c.Hash, (IReadOnlyList<IndexedChunk>)[.. c.Chunks.Select(k => new IndexedChunk(k, vectors.Vectors[k.ContentHash]))]))],
            _embedder, cancellationToken);
        await WarmAnswerSentencesAsync(chunks, cancellationToken);

        // A chunk embedded for the batch counts for the first article that needed it, as if they had been written in turn.
        var counted = new HashSet<string>(vectors.Missing, StringComparer.Ordinal);
        foreach (var (index, article, _, created, articleChunks) in changed)
        {
            var embedded = articleChunks.Select(k => k.ContentHash).Distinct(StringComparer.Ordinal).Count(counted.Remove);
            results[index] = new IngestResult(article.Id, created ? IngestStatus.Created : IngestStatus.Updated, articleChunks.Count, embedded);
        }
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogBatchIngested(logger, batch.Count, changed.Count, chunks.Count, vectors.Embedded, elapsedMs);
        return results;
    }

    /// <summary>
    /// Re-chunks and re-embeds every stored article with the configured embedder and swaps the whole index in
    /// one transaction: searches see the old index until the new one is complete.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken) =>
        (await ReplaceAllAsync(await store.ListArticlesAsync(cancellationToken), null, cancellationToken)).Articles;

    /// <summary>
    /// Replaces the whole index with <paramref name="articles"/> (valid, published) in one transaction, embedding
    /// their chunks in batches across articles: the bulk path for a new corpus, such as an eval run's.
    /// </summary>
    public async Task<(int Articles, int Chunks)> ReplaceAllAsync(IReadOnlyList<Article> articles, IProgress<int>? embedded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var started = Stopwatch.GetTimestamp();
        var chunked = articles.Select(a => (Article: a, Chunks: _chunker.Chunk(a))).ToList();
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        var done = 0;
        foreach (var batch in chunked.SelectMany(a => a.Chunks).DistinctBy(c => c.ContentHash).Chunk(_options.EmbeddingBatchSize))
        {
            var embeddings = await embedder.GenerateAsync(batch.Select(c => c.EmbeddingText), cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Length; i++) vectors[batch[i].ContentHash] = embeddings[i].Vector;
            embedded?.Report(done += batch.Length);
        }
        var rebuilt = chunked.Select(a => (a.Article, ContentHash(a.Article), (IReadOnlyList<IndexedChunk>)a.Chunks.Select(c => new IndexedChunk(c, vectors[c.ContentHash])).ToList())).ToList();
        await store.ReplaceAllAsync(rebuilt, _embedder, cancellationToken);
        await WarmAnswerSentencesAsync(chunked.SelectMany(a => a.Chunks).ToList(), cancellationToken);
        var chunkCount = chunked.Sum(a => a.Chunks.Count);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRebuilt(logger, articles.Count, chunkCount, _embedder, elapsedMs);
        return (articles.Count, chunkCount);
    }

    /// <summary>Removes an article and its chunks; false when it was not stored.</summary>
    public async Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(articleId);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await store.DeleteArticleAsync(articleId, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Hash of everything that shapes the stored chunks: the article, the chunking settings, the embedder.</summary>
    public string ContentHash(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        var fingerprint = JsonSerializer.Serialize(new
        {
            ChunkingVersion,
            _options.MaxChunkChars,
            _options.ChunkOverlapChars,
            Embedder = $"{metadata?.ProviderName}/{metadata?.DefaultModelId}/{metadata?.DefaultModelDimensions}",
            article,
        });
        return MarkdownChunker.ContentHash(fingerprint);
    }

    // Answers are composed from the sentences of the retrieved chunks, scored by meaning: embedding them now, through
    // a caching embedder, means a question pays for none of that at answer time (the host switches this off when no
    // cache would keep the vectors). The article is already stored: a failure here costs answer time, not the write.
    private async Task WarmAnswerSentencesAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        if (!_options.WarmAnswerSentences) return;
        var sentences = chunks.SelectMany(c => Answering.AnswerUnits.Of(new Answering.Passage(1, c))).Select(u => u.Text).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            foreach (var batch in sentences.Chunk(_options.EmbeddingBatchSize * 4))
                await embedder.GenerateAsync(batch, cancellationToken: cancellationToken);
        }
        catch (Retrieval.EmbeddingUnavailableException ex)
        {
            // Warming is an optimisation: a provider failure is logged and the write stands.
            LogWarmingFailed(logger, ex.GetType().Name, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding answer sentences ahead of time failed ({ErrorType}); answers will embed them when asked")]
    private static partial void LogWarmingFailed(ILogger logger, string errorType, Exception exception);

    private async Task<(Dictionary<string, ReadOnlyMemory<float>> Vectors, int Embedded, IReadOnlyList<string> Missing)> VectorsForAsync(
        IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var hashes = chunks.Select(c => c.ContentHash).Distinct(StringComparer.Ordinal).ToList();
        var known = await store.GetVectorsAsync(hashes, cancellationToken);
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(known, StringComparer.Ordinal);
        var missing = chunks.Where(c => !vectors.ContainsKey(c.ContentHash)).DistinctBy(c => c.ContentHash).ToList();
        foreach (var batch in missing.Chunk(_options.EmbeddingBatchSize))
        {
            var embeddings = await embedder.GenerateAsync(batch.Select(c => c.EmbeddingText), cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Length; i++)
                vectors[batch[i].ContentHash] = embeddings[i].Vector;
        }
        return (vectors, missing.Count, [.. missing.Select(c => c.ContentHash)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed a batch of {ArticleCount} articles ({ChangedCount} changed): {ChunkCount} chunks, {EmbeddedCount} embedded, in {ElapsedMs:F1} ms")]
    private static partial void LogBatchIngested(ILogger logger, int articleCount, int changedCount, int chunkCount, int embeddedCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the index: {ArticleCount} articles, {ChunkCount} chunks embedded with {Embedder}, in {ElapsedMs:F0} ms")]
    private static partial void LogRebuilt(ILogger logger, int articleCount, int chunkCount, string embedder, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed article {ArticleId} ({Status}): {ChunkCount} chunks, {EmbeddedCount} embedded, in {ElapsedMs:F1} ms")]
    private static partial void LogIngested(ILogger logger, string articleId, IngestStatus status, int chunkCount, int embeddedCount, double elapsedMs);
}
