using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Reads every chunk of the file into a new <see cref="VectorTable"/> in one pass: each vector blob is copied from
/// SQLite's row buffer straight into its row of a segment (no per-row array), and each chunk keeps only its own text;
/// the article's fields (title, url, audience, locale, product area) are read once per article and shared.
/// </summary>
internal static class SqliteVectorLoader
{
    private sealed record ArticleFields(string Id, string Title, string? Url, ArticleAudience Audience, string Locale, string? ProductArea);

    public static async Task<VectorTable> LoadAsync(SqliteConnection connection, int segmentShift, CancellationToken cancellationToken)
    {
        var (dimensions, mixed) = await DimensionsAsync(connection, cancellationToken);
        if (mixed)
            throw new InvalidOperationException("The stored chunks have vectors of different dimensions. Re-index with one embedder.");
        var articles = await ReadArticlesAsync(connection, cancellationToken);
        var table = new VectorTable(dimensions, segmentShift);
        ReadChunks(connection, articles, table, cancellationToken);
        table.PublishLoaded();
        return table;
    }

    private static async Task<(int Dimensions, bool Mixed)> DimensionsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(dimensions), max(dimensions) FROM chunks";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.IsDBNull(0)) return (0, false);
        return (reader.GetInt32(0), reader.GetInt32(0) != reader.GetInt32(1));
    }

    private static async Task<Dictionary<string, ArticleFields>> ReadArticlesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var articles = new Dictionary<string, ArticleFields>(StringComparer.Ordinal);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, url, audience, locale, product_area FROM articles";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            articles[id] = new ArticleFields(id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3) == "internal" ? ArticleAudience.Internal : ArticleAudience.Public,
                Shared(shared, reader.GetString(4)), reader.IsDBNull(5) ? null : Shared(shared, reader.GetString(5)));
        }
        return articles;
    }

    // Locales and product areas repeat across articles: one string each.
    private static string Shared(Dictionary<string, string> strings, string value)
    {
        if (strings.TryGetValue(value, out var existing)) return existing;
        strings[value] = value;
        return value;
    }

    // Straight on SQLite's statement API: a column's bytes are read where SQLite holds them, without the per-row
    // byte[] that SqliteDataReader.GetBytes/GetStream would allocate for each blob.
    private static void ReadChunks(SqliteConnection connection, Dictionary<string, ArticleFields> articles, VectorTable table, CancellationToken cancellationToken)
    {
        const int Seq = 0, Id = 1, ArticleId = 2, Ordinal = 3, HeadingPath = 4, Text = 5, ContentHash = 6, Vector = 7;
        var db = connection.Handle!;
        // As SqliteCommand would, wait out a writer's brief lock rather than fail.
        raw.sqlite3_busy_timeout(db, connection.DefaultTimeout * 1000);
        var rc = raw.sqlite3_prepare_v2(db, "SELECT seq, id, article_id, ordinal, heading_path, text, content_hash, vector FROM chunks ORDER BY seq", out sqlite3_stmt statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        var byArticleId = articles.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = ArrayPool<char>.Shared.Rent(256);
        try
        {
            var rows = 0;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++rows & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                var articleId = raw.sqlite3_column_blob(statement, ArticleId);
                if (Encoding.UTF8.GetMaxCharCount(articleId.Length) > chars.Length)
                {
                    ArrayPool<char>.Shared.Return(chars);
                    chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(articleId.Length));
                }
                var length = Encoding.UTF8.GetChars(articleId, chars);
                // The foreign key keeps every chunk's article; a row without one is not searchable anyway.
                if (!byArticleId.TryGetValue(chars.AsSpan(0, length), out var article)) continue;

                var chunk = new Chunk(String(statement, Id), article.Id, raw.sqlite3_column_int(statement, Ordinal), article.Title, article.Url,
                    String(statement, HeadingPath), String(statement, Text), String(statement, ContentHash), article.Audience, article.Locale, article.ProductArea);
                var vector = raw.sqlite3_column_blob(statement, Vector);
                if (vector.Length != table.Dimensions * sizeof(float))
                    throw new InvalidOperationException($"Chunk {chunk.Id} has a {vector.Length / sizeof(float)}-d vector; the index holds {table.Dimensions}-d vectors. Re-index with one embedder.");
                vector.CopyTo(MemoryMarshal.AsBytes(table.AddLoaded(chunk, raw.sqlite3_column_int64(statement, Seq))));
                table.NormaliseLoaded();
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            statement.Dispose();
        }
    }

    // A TEXT column's bytes as SQLite stores them (UTF-8).
    private static string String(sqlite3_stmt statement, int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));
}
