using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Reads every chunk of the file into a new <see cref="VectorTable"/>: each vector blob is copied from SQLite's row
/// buffer straight into its row of a segment (no per-row array), each row keeps only its own text, as the UTF-8 SQLite
/// stores (<see cref="IndexedText"/>), and the article's fields (title, url, audience, locale, product area) are read
/// once per article and shared by its rows.
/// <para>
/// On more than one core, a large file is read as two seq ranges at once, split at the middle of
/// <c>min(seq) .. max(seq)</c>: each range on its own connection and thread, filling its own segments
/// (<see cref="VectorLoadPart"/>), so stepping SQLite, packing text and first-touching new segments run on both cores.
/// The table then takes the first range's segments, then the second's; the unused tail of the first range's last
/// segment becomes free rows. Rows keep their seq as their order, so searches, ties included, answer exactly as a
/// one-range load. The caller holds <see cref="SqliteWriteGate"/>, so no write of this process commits between the two
/// connections' reads.
/// </para>
/// </summary>
internal static class SqliteVectorLoader
{
    /// <summary>Below this many seqs a second connection and thread cost more than they save: one range.</summary>
    public const long TwoRangesFrom = 16_384;

    public static Task<VectorTable> LoadAsync(SqliteDatabase database, SqliteConnection connection, int segmentShift, CancellationToken cancellationToken) =>
        LoadAsync(database, connection, segmentShift, Environment.ProcessorCount > 1 ? TwoRangesFrom : long.MaxValue, cancellationToken);

    /// <summary>Loads in two seq ranges when the file spans at least <paramref name="twoRangesFrom"/> seqs (tests set it).</summary>
    internal static async Task<VectorTable> LoadAsync(SqliteDatabase database, SqliteConnection connection, int segmentShift, long twoRangesFrom, CancellationToken cancellationToken)
    {
        var articles = await ReadArticlesAsync(connection, cancellationToken);
        var (minSeq, maxSeq, dimensions) = await ReadExtentAsync(connection, cancellationToken);
        var table = new VectorTable(dimensions, segmentShift);
        var filterIds = table.FilterIdsFor(articles.Values);
        VectorLoadPart[] parts;
        if (maxSeq - minSeq + 1 < twoRangesFrom)
        {
            parts = [ReadChunks(connection, articles, new VectorLoadPart(dimensions, segmentShift, filterIds), long.MinValue, long.MaxValue, cancellationToken)];
        }
        else
        {
            var mid = minSeq + (maxSeq - minSeq) / 2;
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Whichever range fails first stops the other.
            var second = Task.Run(async () =>
            {
                try
                {
                    await using var other = await database.OpenAsync(failed.Token);
                    return ReadChunks(other, articles, new VectorLoadPart(dimensions, segmentShift, filterIds), mid + 1, long.MaxValue, failed.Token);
                }
                catch
                {
                    await failed.CancelAsync();
                    throw;
                }
            }, CancellationToken.None);
            VectorLoadPart first;
            try
            {
                first = ReadChunks(connection, articles, new VectorLoadPart(dimensions, segmentShift, filterIds), long.MinValue, mid, failed.Token);
            }
            catch
            {
                // Wait for the other range: its connection must be closed before this returns. Its error, when it failed
                // first, is the one to report.
                await failed.CancelAsync();
                await Task.WhenAny(second);
                if (second.IsFaulted && second.Exception.InnerException is not OperationCanceledException) await second;
                throw;
            }
            parts = [first, await second];
        }
        table.PublishLoaded(parts);
        return table;
    }

    // The seq range and the first vector's size: every vector must have it, one embedder built the index.
    private static async Task<(long Min, long Max, int Dimensions)> ReadExtentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(seq), max(seq), (SELECT length(vector) FROM chunks ORDER BY seq LIMIT 1) FROM chunks";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? (0, -1, 0) : (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2) / sizeof(float));
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
    // byte[] that SqliteDataReader.GetBytes/GetStream would allocate for each blob, and text stays UTF-8. Optimised at
    // once: a load runs once per process, mostly before tiered compilation would promote this loop and its callees.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static VectorLoadPart ReadChunks(SqliteConnection connection, Dictionary<string, IndexedArticle> articles, VectorLoadPart part,
        long fromSeq, long toSeq, CancellationToken cancellationToken)
    {
        const int Seq = 0, Id = 1, ArticleId = 2, Ordinal = 3, HeadingPath = 4, Text = 5, ContentHash = 6, Vector = 7;
        var db = connection.Handle!;
        // As SqliteCommand would, wait out a writer's brief lock rather than fail.
        raw.sqlite3_busy_timeout(db, connection.DefaultTimeout * 1000);
        var rc = raw.sqlite3_prepare_v2(db, "SELECT seq, id, article_id, ordinal, heading_path, text, content_hash, vector FROM chunks WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq", out sqlite3_stmt statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        var byArticleId = articles.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = new char[256];
        var vectorBytes = part.Dimensions * sizeof(float);
        IndexedArticle? article = null;
        try
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 1, fromSeq), db);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 2, toSeq), db);
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
                if (vector.Length != vectorBytes)
                    throw new InvalidOperationException($"A chunk of article {article.Id} has a {vector.Length / sizeof(float)}-d vector; the index holds {part.Dimensions}-d vectors. Re-index with one embedder.");
                var text = IndexedText.Pack(raw.sqlite3_column_blob(statement, Id), raw.sqlite3_column_blob(statement, HeadingPath),
                    raw.sqlite3_column_blob(statement, Text), raw.sqlite3_column_blob(statement, ContentHash));
                // Read again: a span from SQLite lasts only until the next column call.
                raw.sqlite3_column_blob(statement, Vector).CopyTo(MemoryMarshal.AsBytes(
                    part.Add(article, raw.sqlite3_column_int(statement, Ordinal), text, raw.sqlite3_column_int64(statement, Seq))));
                part.NormaliseLast();
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            statement.Dispose();
        }
        return part;
    }

    // Rows come in insertion order, so an article's rows mostly follow each other: compare before looking up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
