using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Reads every chunk of the file into a new <see cref="VectorTable"/> in one pass: each vector blob is copied from
/// SQLite's row buffer straight into its row of a segment (no per-row array), each row keeps only its own text, as the
/// UTF-8 SQLite stores (<see cref="IndexedText"/>), and the article's fields (title, url, audience, locale, product
/// area) are read once per article and shared by its rows.
/// </summary>
internal static class SqliteVectorLoader
{
    public static async Task<VectorTable> LoadAsync(SqliteConnection connection, int segmentShift, CancellationToken cancellationToken)
    {
        var articles = await ReadArticlesAsync(connection, cancellationToken);
        var table = ReadChunks(connection, articles, segmentShift, cancellationToken);
        table.PublishLoaded();
        return table;
    }

    private static async Task<Dictionary<string, IndexedArticle>> ReadArticlesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var articles = new Dictionary<string, IndexedArticle>(StringComparer.Ordinal);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, url, audience, locale, product_area FROM articles";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            articles[id] = new IndexedArticle(id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
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
    // byte[] that SqliteDataReader.GetBytes/GetStream would allocate for each blob, and text stays UTF-8.
    private static VectorTable ReadChunks(SqliteConnection connection, Dictionary<string, IndexedArticle> articles, int segmentShift, CancellationToken cancellationToken)
    {
        const int Seq = 0, Id = 1, ArticleId = 2, Ordinal = 3, HeadingPath = 4, Text = 5, ContentHash = 6, Vector = 7;
        var db = connection.Handle!;
        // As SqliteCommand would, wait out a writer's brief lock rather than fail.
        raw.sqlite3_busy_timeout(db, connection.DefaultTimeout * 1000);
        var rc = raw.sqlite3_prepare_v2(db, "SELECT seq, id, article_id, ordinal, heading_path, text, content_hash, vector FROM chunks ORDER BY seq", out sqlite3_stmt statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        var byArticleId = articles.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = new char[256];
        VectorTable? table = null;
        IndexedArticle? article = null;
        try
        {
            var rows = 0;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++rows & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                var articleId = raw.sqlite3_column_blob(statement, ArticleId);
                if (article is null || !SameId(article.Id, articleId))
                {
                    if (Encoding.UTF8.GetMaxCharCount(articleId.Length) > chars.Length) chars = new char[Encoding.UTF8.GetMaxCharCount(articleId.Length)];
                    // The foreign key keeps every chunk's article; a row without one is not searchable anyway.
                    if (!byArticleId.TryGetValue(chars.AsSpan(0, Encoding.UTF8.GetChars(articleId, chars)), out article)) continue;
                }

                var vector = raw.sqlite3_column_blob(statement, Vector);
                // Every vector must have the first one's size: one embedder built the index.
                table ??= new VectorTable(vector.Length / sizeof(float), segmentShift);
                if (vector.Length != table.Dimensions * sizeof(float))
                    throw new InvalidOperationException($"A chunk of article {article.Id} has a {vector.Length / sizeof(float)}-d vector; the index holds {table.Dimensions}-d vectors. Re-index with one embedder.");
                var text = IndexedText.Pack(raw.sqlite3_column_blob(statement, Id), raw.sqlite3_column_blob(statement, HeadingPath),
                    raw.sqlite3_column_blob(statement, Text), raw.sqlite3_column_blob(statement, ContentHash));
                // Read again: a span from SQLite lasts only until the next column call.
                raw.sqlite3_column_blob(statement, Vector).CopyTo(MemoryMarshal.AsBytes(
                    table.AddLoaded(article, raw.sqlite3_column_int(statement, Ordinal), text, raw.sqlite3_column_int64(statement, Seq))));
                table.NormaliseLoaded();
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            statement.Dispose();
        }
        return table ?? new VectorTable(0, segmentShift);
    }

    // Rows come in insertion order, so an article's rows mostly follow each other: compare before looking up.
    private static bool SameId(string id, ReadOnlySpan<byte> utf8)
    {
        if (id.Length != utf8.Length) return false;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] >= 0x80 || id[i] != utf8[i]) return false;
        }
        return true;
    }
}
