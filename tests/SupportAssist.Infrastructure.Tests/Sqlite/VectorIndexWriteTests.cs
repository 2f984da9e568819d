using Microsoft.Data.Sqlite;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>
/// The in-memory vector index as writes change it in place, checked against the file: after any sequence of adds,
/// replacements, deletions and batches it answers exactly as a freshly loaded index does, and a search running during
/// writes sees each article wholly before or wholly after a write.
/// </summary>
public sealed class VectorIndexWriteTests : IDisposable
{
    private const string Embedder = "test/random";
    private const int Dimensions = 16;

    // 64-row segments: a few hundred rows span many segments, and freed rows are reused across them.
    private const int SegmentShift = 6;

    private static readonly RetrievalFilter[] Filters =
    [
        new(Audience.Agent), new(Audience.Public), new(Audience.Public, "es"), new(Audience.Agent, null, "a1"), new(Audience.Public, "en", "a2"),
    ];

    private static readonly string[] Locales = ["en", "es", "en-GB"];
    private static readonly string?[] Areas = [null, "a1", "a2"];

    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-tests-").FullName;
    private readonly SqliteWriteGate _gate = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteVectorIndex _index;
    private readonly SqliteKnowledgeStore _store;
    private readonly CancellationToken _ct = CancellationToken.None;

    public VectorIndexWriteTests()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "kb.db"), NullLogger<SqliteDatabase>.Instance);
        _index = new SqliteVectorIndex(_database, _gate, SegmentShift);
        _store = new SqliteKnowledgeStore(_database, _gate, _index, TimeProvider.System);
    }

    public void Dispose()
    {
        _database.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Random_adds_replacements_deletions_and_batches_search_exactly_as_a_fresh_load()
    {
        var random = new Random(20_170);
        // A few shared vectors make many exact ties, which must rank by insertion order as a fresh load ranks them.
        var pool = Enumerable.Range(0, 6).Select(_ => RandomVector(random)).ToArray();
        var live = new List<string>();
        var next = 0;
        var version = 0;
        var written = 0;
        await _index.WarmUpAsync(_ct);

        for (var step = 0; step < 160; step++)
        {
            var op = random.Next(100);
            if (op < 35 || live.Count < 3)
            {
                var id = $"art-{next++}";
                written += await PutAsync(random, pool, id, ++version);
                live.Add(id);
            }
            else if (op < 65)
            {
                written += await PutAsync(random, pool, live[random.Next(live.Count)], ++version);
            }
            else if (op < 82)
            {
                var id = live[random.Next(live.Count)];
                Assert.True(await _store.DeleteArticleAsync(id, _ct));
                live.Remove(id);
            }
            else
            {
                var batch = new List<(Article, string, IReadOnlyList<IndexedChunk>)>();
                foreach (var id in live.OrderBy(_ => random.Next()).Take(3).Append($"art-{next++}"))
                {
                    batch.Add(ArticleOf(random, pool, id, ++version));
                    written += batch[^1].Item3.Count;
                }
                await _store.ReplaceArticlesAsync(batch, Embedder, _ct);
                live.Add($"art-{next - 1}");
            }

            await AssertSameAsFreshLoadAsync(random, pool);
        }

        // Rows freed by replacements and deletions were reused rather than the table growing with every write.
        Assert.True(_index.Table!.Capacity < written, $"capacity {_index.Table.Capacity} for {written} rows written");
    }

    [Fact]
    public async Task Reloading_after_writes_gives_the_rows_in_memory_in_the_same_order()
    {
        var random = new Random(3);
        var pool = Enumerable.Range(0, 2).Select(_ => RandomVector(random)).ToArray();
        await _index.WarmUpAsync(_ct);
        for (var i = 0; i < 40; i++) await PutAsync(random, pool, $"art-{i % 15}", i);
        Assert.True(await _store.DeleteArticleAsync("art-3", _ct));

        using var otherGate = new SqliteWriteGate();
        var reloaded = new SqliteVectorIndex(_database, otherGate);
        var query = pool[0];
        var inMemory = await _index.SearchAsync(query, new RetrievalFilter(Audience.Agent), 1_000, _ct);
        var fromFile = await reloaded.SearchAsync(query, new RetrievalFilter(Audience.Agent), 1_000, _ct);

        Assert.Equal(_index.Count, reloaded.Count);
        Assert.Equal(_index.Count, inMemory.Count);
        Assert.Equal(fromFile, inMemory);
    }

    [Fact]
    public async Task A_search_during_writes_sees_each_article_wholly_old_or_wholly_new()
    {
        // Background rows never score above 0 for the query (their first component is 0); the written article's rows
        // all score 1, so the top 8 always hold every row of its current version. 9,000 rows: scanned in partitions.
        var random = new Random(11);
        var background = new List<(Article, string, IReadOnlyList<IndexedChunk>)>();
        for (var a = 0; a < 90; a++)
        {
            var article = Article($"bg-{a}");
            background.Add((article, $"bg-{a}", [.. Enumerable.Range(0, 100).Select(i =>
                new IndexedChunk(ChunkOf(article, $"bg-{a}#{i}", i), OrthogonalToFirst(random)))]));
        }
        await _store.ReplaceArticlesAsync(background, Embedder, _ct);
        await _index.WarmUpAsync(_ct);
        var query = new float[Dimensions];
        query[0] = 1;

        var writing = Task.Run(async () =>
        {
            for (var v = 1; v < 300; v++)
            {
                if (v % 10 == 0) await _store.DeleteArticleAsync("target", _ct);
                else await _store.ReplaceArticleAsync(Article("target"), $"v{v}", TargetChunks(v), Embedder, _ct);
            }
        });
        // Readers on threads of their own: two loops that never yield would otherwise hold both pool threads of a
        // 2-core machine and starve the writer's continuations (the test then hangs instead of testing).
        var reading = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var seen = new List<string>();
            do
            {
                var hits = _index.SearchAsync(query, new RetrievalFilter(Audience.Agent), 8, _ct).GetAwaiter().GetResult();
                var versions = hits.Where(h => h.Chunk.ArticleId == "target").GroupBy(h => VersionOf(h.Chunk)).ToList();
                if (versions.Count > 1) seen.Add($"versions {string.Join(",", versions.Select(g => g.Key))} together");
                if (versions is [var one] && one.Count() != ChunkCount(one.Key)) seen.Add($"{one.Count()} of version {one.Key}'s {ChunkCount(one.Key)} rows");
                seen.Add("ok");
            }
            while (!writing.IsCompleted);
            return seen;
        }, _ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        await writing;
        var observations = (await Task.WhenAll(reading)).SelectMany(s => s).ToList();

        Assert.Contains("ok", observations);
        Assert.All(observations, o => Assert.Equal("ok", o));
        Assert.Equal(ChunkCount(299), (await _index.SearchAsync(query, new RetrievalFilter(Audience.Agent), 8, _ct)).Count(h => h.Chunk.ArticleId == "target"));
    }

    [Fact]
    public void A_row_freed_while_a_search_holds_its_view_is_not_rewritten_until_that_search_leaves()
    {
        var table = new VectorTable(2, segmentShift: 6);
        var a = Article("a");
        table.Apply([new VectorChange("a", [new VectorRow(ChunkOf(a, "a#0", 0), new float[] { 1, 0 }, 1)])]);
        var held = table.Enter();

        table.Apply([new VectorChange("a", [])]);
        table.Apply([new VectorChange("b", [new VectorRow(ChunkOf(Article("b"), "b#0", 0), new float[] { 0, 1 }, 2)])]);

        // The held view still finds a's row, unchanged: b went into a never-used row.
        var hit = Assert.Single(held.Search(new float[] { 1, 0 }, new RetrievalFilter(Audience.Agent), 5));
        Assert.Equal("a#0", hit.Chunk.Id);
        Assert.Equal(1.0, hit.Score, 6);
        Assert.Equal(1, table.PendingFree);

        held.RemoveReader();
        table.Apply([new VectorChange("c", [new VectorRow(ChunkOf(Article("c"), "c#0", 0), new float[] { 1, 1 }, 3)])]);

        Assert.Equal(0, table.PendingFree);
        Assert.Equal(2, table.Current.Count);
        Assert.Equal(["b#0", "c#0"], table.Search(new float[] { 0.1f, 1 }, new RetrievalFilter(Audience.Agent), 5).Select(h => h.Chunk.Id));
    }

    private async Task AssertSameAsFreshLoadAsync(Random random, float[][] pool)
    {
        using var otherGate = new SqliteWriteGate();
        var fresh = new SqliteVectorIndex(_database, otherGate, SegmentShift);
        Assert.Equal(await fresh.WarmUpAsync(_ct), _index.Count);
        foreach (var query in new[] { pool[random.Next(pool.Length)], RandomVector(random) })
        {
            foreach (var filter in Filters)
            {
                foreach (var limit in new[] { 3, 1_000 })
                {
                    var expected = await fresh.SearchAsync(query, filter, limit, _ct);
                    var actual = await _index.SearchAsync(query, filter, limit, _ct);
                    Assert.Equal(expected, actual);
                }
            }
        }
    }

    private async Task<int> PutAsync(Random random, float[][] pool, string id, int version)
    {
        var (article, hash, chunks) = ArticleOf(random, pool, id, version);
        await _store.ReplaceArticleAsync(article, hash, chunks, Embedder, _ct);
        return chunks.Count;
    }

    private static (Article, string, IReadOnlyList<IndexedChunk>) ArticleOf(Random random, float[][] pool, string id, int version)
    {
        var article = new Article(id, $"Title {id}", null, Locales[random.Next(Locales.Length)],
            random.Next(4) == 0 ? ArticleAudience.Internal : ArticleAudience.Public, Areas[random.Next(Areas.Length)], [], null, "body");
        var chunks = Enumerable.Range(0, 1 + random.Next(6))
            .Select(i => new IndexedChunk(ChunkOf(article, $"{id}#v{version}-{i}", i), random.Next(2) == 0 ? pool[random.Next(pool.Length)] : RandomVector(random)))
            .ToList();
        return (article, $"{id}-{version}", chunks);
    }

    private static IReadOnlyList<IndexedChunk> TargetChunks(int version)
    {
        var article = Article("target");
        var vector = new float[Dimensions];
        vector[0] = 1;
        return [.. Enumerable.Range(0, ChunkCount(version)).Select(i => new IndexedChunk(ChunkOf(article, $"target#v{version}-{i}", i), vector))];
    }

    private static int ChunkCount(int version) => 1 + version % 5;

    private static int VersionOf(Chunk chunk) => int.Parse(chunk.Id.AsSpan(chunk.Id.IndexOf('v') + 1, chunk.Id.IndexOf('-') - chunk.Id.IndexOf('v') - 1), System.Globalization.CultureInfo.InvariantCulture);

    private static Article Article(string id) => new(id, $"Title {id}", null, "en", ArticleAudience.Public, "a1", [], null, "body");

    private static Chunk ChunkOf(Article article, string id, int ordinal) =>
        new(id, article.Id, ordinal, article.Title, article.Url, article.Title, $"text of {id}", $"hash-{id}", article.Audience, article.Locale, article.ProductArea);

    private static float[] RandomVector(Random random) => [.. Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];

    private static float[] OrthogonalToFirst(Random random)
    {
        var vector = RandomVector(random);
        vector[0] = 0;
        return vector;
    }
}
