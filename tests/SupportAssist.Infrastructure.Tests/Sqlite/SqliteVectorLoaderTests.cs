using Microsoft.Data.Sqlite;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>
/// Loading the file in two seq ranges at once, checked against loading it in one: the same rows, the same answers
/// (exact ties included, which rank by seq), and the same behaviour under writes afterwards.
/// </summary>
public sealed class SqliteVectorLoaderTests : IDisposable
{
    private const string Embedder = "test/random";
    private const int Dimensions = 8;

    // 64-row segments: each range fills several, and the first range's last one is partly unused.
    private const int SegmentShift = 6;

    private static readonly RetrievalFilter[] Filters =
    [
        new(Audience.Agent), new(Audience.Public), new(Audience.Public, "es"), new(Audience.Agent, null, "a1"), new(Audience.Public, "en", "a2"),
    ];

    private static readonly string[] Locales = ["en", "es"];
    private static readonly string?[] Areas = [null, "a1", "a2"];

    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-tests-").FullName;
    private readonly SqliteWriteGate _gate = new();
    private readonly SqliteDatabase _database;
    private readonly CancellationToken _ct = CancellationToken.None;

    public SqliteVectorLoaderTests()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "kb.db"), NullLogger<SqliteDatabase>.Instance);
    }

    public void Dispose()
    {
        _database.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Two_range_load_answers_exactly_as_a_one_range_load_with_articles_spanning_the_split()
    {
        var random = new Random(1_717);
        // Few distinct vectors: many exact ties, across the split too, which must rank by seq.
        var pool = Enumerable.Range(0, 5).Select(_ => RandomVector(random)).ToArray();
        var store = new SqliteKnowledgeStore(_database, _gate, new SqliteVectorIndex(_database, _gate, SegmentShift), TimeProvider.System);
        for (var a = 0; a < 60; a++) await PutAsync(store, random, pool, $"art-{a}", a, 1 + random.Next(12));
        // Replacements and deletions leave gaps in seq and move articles to the end.
        for (var a = 0; a < 60; a += 7) await PutAsync(store, random, pool, $"art-{a}", 100 + a, 1 + random.Next(12));
        for (var a = 3; a < 60; a += 11) Assert.True(await store.DeleteArticleAsync($"art-{a}", _ct));
        // Rows of one article past the current max(seq), more than the rows before it: the middle falls inside them.
        var (minSeq, maxSeq) = await SeqRangeAsync();
        await PutAsync(store, random, pool, "art-span", 1, (int)(maxSeq - minSeq + 1) + 10);
        var spanning = await ArticleAcrossTheMiddleAsync();

        var oneRange = await LoadAsync(twoRangesFrom: long.MaxValue);
        var twoRanges = await LoadAsync(twoRangesFrom: 1);

        Assert.Equal(oneRange.Current.Count, twoRanges.Current.Count);
        AssertSameAnswers(oneRange, twoRanges, random, pool);

        // Writes afterwards: the spanning article replaced (its rows in both ranges freed), another deleted, a new one added.
        var rows = Enumerable.Range(0, 9).Select(i => new VectorRow(ChunkOf(spanning, $"{spanning}#new-{i}", i), pool[i % pool.Length], 10_000 + i)).ToList();
        VectorChange[] changes = [new(spanning, rows), new("art-1", []), new("art-new", [new VectorRow(ChunkOf("art-new", "art-new#0", 0), pool[0], 20_000)])];
        oneRange.Apply(changes);
        twoRanges.Apply(changes);
        AssertSameAnswers(oneRange, twoRanges, random, pool);
    }

    private async Task<VectorTable> LoadAsync(long twoRangesFrom)
    {
        await using var connection = await _database.OpenAsync(_ct);
        return await SqliteVectorLoader.LoadAsync(_database, connection, SegmentShift, twoRangesFrom, _ct);
    }

    private async Task<(long Min, long Max)> SeqRangeAsync()
    {
        await using var connection = await _database.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(seq), max(seq) FROM chunks";
        await using var reader = await command.ExecuteReaderAsync(_ct);
        Assert.True(await reader.ReadAsync(_ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // An article with rows on both sides of the split (the middle of min(seq) .. max(seq)), as the test needs.
    private async Task<string> ArticleAcrossTheMiddleAsync()
    {
        await using var connection = await _database.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH mid AS (SELECT min(seq) + (max(seq) - min(seq)) / 2 AS seq FROM chunks)
            SELECT article_id FROM chunks GROUP BY article_id
            HAVING min(seq) <= (SELECT seq FROM mid) AND max(seq) > (SELECT seq FROM mid)
            """;
        var articleId = await command.ExecuteScalarAsync(_ct);
        Assert.NotNull(articleId);
        return (string)articleId;
    }

    private static void AssertSameAnswers(VectorTable expected, VectorTable actual, Random random, float[][] pool)
    {
        foreach (var query in pool.Append(RandomVector(random)))
        {
            foreach (var filter in Filters)
            {
                foreach (var limit in new[] { 3, 1_000 })
                {
                    Assert.Equal(expected.Search(query, filter, limit), actual.Search(query, filter, limit));
                }
            }
        }
    }

    private static async Task PutAsync(SqliteKnowledgeStore store, Random random, float[][] pool, string id, int version, int chunkCount)
    {
        var article = new Article(id, $"Title {id}", null, Locales[random.Next(Locales.Length)],
            random.Next(4) == 0 ? ArticleAudience.Internal : ArticleAudience.Public, Areas[random.Next(Areas.Length)], [], null, "body");
        var chunks = Enumerable.Range(0, chunkCount)
            .Select(i => new IndexedChunk(ChunkOf(article, $"{id}#v{version}-{i}", i), random.Next(2) == 0 ? pool[random.Next(pool.Length)] : RandomVector(random)))
            .ToList();
        await store.ReplaceArticleAsync(article, $"{id}-{version}", chunks, Embedder, CancellationToken.None);
    }

    private static Chunk ChunkOf(string articleId, string id, int ordinal) =>
        ChunkOf(new Article(articleId, $"Title {articleId}", null, "en", ArticleAudience.Public, "a1", [], null, "body"), id, ordinal);

    private static Chunk ChunkOf(Article article, string id, int ordinal) =>
        new(id, article.Id, ordinal, article.Title, article.Url, article.Title, $"text of {id}", $"hash-{id}", article.Audience, article.Locale, article.ProductArea);

    private static float[] RandomVector(Random random) => [.. Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
