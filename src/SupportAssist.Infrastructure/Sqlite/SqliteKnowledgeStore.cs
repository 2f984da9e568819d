using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Articles, chunks, the FTS5 index and vectors in one SQLite file. An article and all its rows change in
/// one transaction, so readers (WAL) see either the old or the new version.
/// </summary>
public sealed class SqliteKnowledgeStore(SqliteDatabase database, SqliteWriteGate gate, SqliteVectorIndex vectorIndex, TimeProvider clock) : IKnowledgeStore
{
    // Read by ReadChunk; a query appends its own column (vector, rank) at ordinal ChunkColumnCount.
    internal const string ChunkColumns =
        "c.id, c.article_id, c.ordinal, a.title, a.url, c.heading_path, c.text, c.content_hash, a.audience, a.locale, a.product_area";

    internal const int ChunkColumnCount = 11;

    public async Task<string?> GetContentHashAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content_hash FROM articles WHERE id = $id";
        command.Parameters.AddWithValue("$id", articleId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetVectorsAsync(IReadOnlyCollection<string> contentHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHashes);
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        if (contentHashes.Count == 0) return vectors;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // json_each keeps the statement fixed whatever the number of hashes.
        command.CommandText = "SELECT content_hash, vector FROM chunks WHERE content_hash IN (SELECT value FROM json_each($hashes))";
        command.Parameters.AddWithValue("$hashes", JsonSerializer.Serialize(contentHashes));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            vectors.TryAdd(reader.GetString(0), SqliteVectorIndex.ReadVector(reader, 1));
        return vectors;
    }

    public Task ReplaceArticleAsync(Article article, string contentHash, IReadOnlyList<IndexedChunk> chunks, string embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(chunks);
        return ReplaceArticlesAsync([(article, contentHash, chunks)], embedder, cancellationToken);
    }

    /// <summary>
    /// Replaces each article and its chunks, all in one transaction and one update of the in-memory index: a batch of an
    /// import costs one commit, and searches see the batch's articles all old or all new.
    /// </summary>
    public async Task ReplaceArticlesAsync(IReadOnlyList<(Article Article, string ContentHash, IReadOnlyList<IndexedChunk> Chunks)> articles, string embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count == 0) return;
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var indexed = await ReadEmbedderAsync(connection, transaction, cancellationToken);
            if (indexed is not null && indexed != embedder) throw new EmbedderMismatchException(indexed, embedder);
            var changes = new List<VectorChange>(articles.Count);
            foreach (var (article, hash, chunks) in articles)
            {
                await DeleteRowsAsync(connection, transaction, article.Id, cancellationToken);
                await InsertArticleAsync(connection, transaction, article, hash, cancellationToken);
                changes.Add(new VectorChange(article.Id, await InsertChunksAsync(connection, transaction, article, chunks, cancellationToken)));
            }
            await WriteEmbedderAsync(connection, transaction, embedder, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            vectorIndex.ApplyCommitted(changes, embedder);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ReplaceAllAsync(IReadOnlyList<(Article Article, string ContentHash, IReadOnlyList<IndexedChunk> Chunks)> articles, string embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await SqliteDatabase.ExecuteAsync(connection, "DELETE FROM chunks_fts; DELETE FROM chunks; DELETE FROM articles;", cancellationToken, transaction);
            var rows = new List<VectorChange>(articles.Count);
            foreach (var (article, hash, chunks) in articles)
            {
                await InsertArticleAsync(connection, transaction, article, hash, cancellationToken);
                rows.Add(new VectorChange(article.Id, await InsertChunksAsync(connection, transaction, article, chunks, cancellationToken)));
            }
            await WriteEmbedderAsync(connection, transaction, embedder, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            vectorIndex.ReplaceCommitted(rows, embedder);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<Article>> ListArticlesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ArticleColumns} FROM articles a ORDER BY a.id";
        var articles = new List<Article>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) articles.Add(ReadArticle(reader));
        return articles;
    }

    public async Task<string?> GetEmbedderAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadEmbedderAsync(connection, null, cancellationToken);
    }

    // The recorded embedder counts only while chunks exist: an emptied index may be refilled by any embedder.
    internal static async Task<string?> ReadEmbedderAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM index_meta WHERE key = 'embedder' AND EXISTS (SELECT 1 FROM chunks)";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static Task WriteEmbedderAsync(SqliteConnection connection, SqliteTransaction transaction, string embedder, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO index_meta (key, value) VALUES ('embedder', $embedder) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$embedder", embedder);
        return ExecuteAndDisposeAsync(command, cancellationToken);
    }

    private static async Task ExecuteAndDisposeAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command) await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var deleted = await DeleteRowsAsync(connection, transaction, articleId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (deleted) vectorIndex.ApplyCommitted([new VectorChange(articleId, [])], embedder: null);
            return deleted;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<StoredArticle?> GetArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ArticleColumns}, a.content_hash, a.indexed_at, (SELECT count(*) FROM chunks c WHERE c.article_id = a.id)
            FROM articles a WHERE a.id = $id
            """;
        command.Parameters.AddWithValue("$id", articleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredArticle(ReadArticle(reader), reader.GetString(9), reader.GetInt32(11),
            DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture));
    }

    private const string ArticleColumns = "a.id, a.title, a.url, a.locale, a.audience, a.product_area, a.tags, a.updated, a.body";

    private static Article ReadArticle(SqliteDataReader reader)
    {
        return new Article(
            reader.GetString(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetString(3),
            StoredAudience(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
            reader.IsDBNull(7) ? null : DateOnly.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
            reader.GetString(8));
    }

    public async Task<int> CountArticlesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt32(await SqliteDatabase.ScalarAsync(connection, "SELECT count(*) FROM articles", cancellationToken), CultureInfo.InvariantCulture);
    }

    internal static Chunk ReadChunk(SqliteDataReader reader)
    {
        var audience = StoredAudience(reader.GetString(8));
        return new Chunk(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            audience,
            reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10));
    }

    // The schema's CHECK constraint admits only these two values.
    private static ArticleAudience StoredAudience(string value) =>
        value == "internal" ? ArticleAudience.Internal : ArticleAudience.Public;

    private static async Task<bool> DeleteRowsAsync(SqliteConnection connection, SqliteTransaction transaction, string articleId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM chunks_fts WHERE rowid IN (SELECT seq FROM chunks WHERE article_id = $id);
            DELETE FROM chunks WHERE article_id = $id;
            DELETE FROM articles WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", articleId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var changes = connection.CreateCommand();
        changes.Transaction = transaction;
        changes.CommandText = "SELECT changes()";
        return Convert.ToInt64(await changes.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private async Task InsertArticleAsync(SqliteConnection connection, SqliteTransaction transaction, Article article, string contentHash, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO articles (id, title, url, locale, language, audience, product_area, tags, updated, body, content_hash, indexed_at)
            VALUES ($id, $title, $url, $locale, $language, $audience, $area, $tags, $updated, $body, $hash, $at)
            """;
        command.Parameters.AddWithValue("$id", article.Id);
        command.Parameters.AddWithValue("$title", article.Title);
        command.Parameters.AddWithValue("$url", (object?)article.Url ?? DBNull.Value);
        command.Parameters.AddWithValue("$locale", article.Locale);
        command.Parameters.AddWithValue("$language", RetrievalFilter.LanguageOf(article.Locale));
        command.Parameters.AddWithValue("$audience", EnumNames.Of(article.Audience));
        command.Parameters.AddWithValue("$area", (object?)article.ProductArea ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(article.Tags));
        command.Parameters.AddWithValue("$updated", article.Updated is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value);
        command.Parameters.AddWithValue("$body", article.Body);
        command.Parameters.AddWithValue("$hash", contentHash);
        command.Parameters.AddWithValue("$at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The rows as the vector index takes them, each with the seq the file gave it (a fresh load orders rows by it).
    private static async Task<VectorRow[]> InsertChunksAsync(SqliteConnection connection, SqliteTransaction transaction, Article article, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        await using var insertChunk = connection.CreateCommand();
        insertChunk.Transaction = transaction;
        insertChunk.CommandText = """
            INSERT INTO chunks (id, article_id, ordinal, heading_path, text, content_hash, dimensions, vector)
            VALUES ($id, $article, $ordinal, $path, $text, $hash, $dims, $vector) RETURNING seq
            """;
        var id = insertChunk.Parameters.Add("$id", SqliteType.Text);
        var articleId = insertChunk.Parameters.Add("$article", SqliteType.Text);
        var ordinal = insertChunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var path = insertChunk.Parameters.Add("$path", SqliteType.Text);
        var text = insertChunk.Parameters.Add("$text", SqliteType.Text);
        var hash = insertChunk.Parameters.Add("$hash", SqliteType.Text);
        var dims = insertChunk.Parameters.Add("$dims", SqliteType.Integer);
        var vector = insertChunk.Parameters.Add("$vector", SqliteType.Blob);

        await using var insertFts = connection.CreateCommand();
        insertFts.Transaction = transaction;
        insertFts.CommandText = """
            INSERT INTO chunks_fts (rowid, title, headings, body, facets)
            VALUES ($seq, $title, $headings, $body, $facets)
            """;
        var seq = insertFts.Parameters.Add("$seq", SqliteType.Integer);
        insertFts.Parameters.AddWithValue("$title", article.Title);
        insertFts.Parameters.AddWithValue("$facets", SqliteKeywordIndex.Facets(article));
        var headings = insertFts.Parameters.Add("$headings", SqliteType.Text);
        var body = insertFts.Parameters.Add("$body", SqliteType.Text);

        var rows = new VectorRow[chunks.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var (chunk, embedding) = chunks[i];
            id.Value = chunk.Id;
            articleId.Value = chunk.ArticleId;
            ordinal.Value = chunk.Ordinal;
            path.Value = chunk.HeadingPath;
            text.Value = chunk.Text;
            hash.Value = chunk.ContentHash;
            dims.Value = embedding.Length;
            vector.Value = MemoryMarshal.AsBytes(embedding.Span).ToArray();
            var inserted = Convert.ToInt64(await insertChunk.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            seq.Value = inserted;
            rows[i] = new VectorRow(chunk, embedding, inserted);
            // The title is already its own field; the heading path without it keeps title terms from counting twice.
            headings.Value = chunk.HeadingPath.StartsWith(article.Title, StringComparison.Ordinal) ? chunk.HeadingPath[article.Title.Length..] : chunk.HeadingPath;
            body.Value = chunk.Text;
            await insertFts.ExecuteNonQueryAsync(cancellationToken);
        }
        return rows;
    }
}
