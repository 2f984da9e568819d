namespace SupportAssist.Infrastructure.Tests.Sqlite;

public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-cache-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteEmbeddingCache Cache(CountingEmbedder inner) => new(inner, Path.Combine(_folder, "embeddings.db"));

    [Fact]
    public async Task A_passage_embedded_once_is_read_from_the_file_afterwards_even_by_another_instance()
    {
        var first = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64));
        var second = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64));

        var before = await Cache(first).GenerateAsync(["refunds take five days", "payouts are weekly", "refunds take five days"]);
        var after = await Cache(second).GenerateAsync(["payouts are weekly", "refunds take five days", "a new text"]);

        Assert.Equal(2, first.TextsEmbedded);
        Assert.Equal(1, second.TextsEmbedded);
        Assert.Equal(before[1].Vector.ToArray(), after[0].Vector.ToArray());
        Assert.Equal(before[0].Vector.ToArray(), after[1].Vector.ToArray());
    }

    [Fact]
    public async Task A_cache_file_that_cannot_be_opened_falls_back_to_embedding_without_it()
    {
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the cache's folder should be");
        var inner = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64));
        var cache = new SqliteEmbeddingCache(inner, Path.Combine(blocker, "embeddings.db"));

        var vectors = await cache.GenerateAsync(["refunds take five days", "payouts are weekly"]);

        Assert.Equal(2, vectors.Count);
        Assert.Equal(2, inner.TextsEmbedded);
    }

    [Fact]
    public async Task Queries_are_never_cached()
    {
        var inner = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64));
        var cache = Cache(inner);

        await cache.GenerateQueryAsync("where is my payout", CancellationToken.None);
        await cache.GenerateQueryAsync("where is my payout", CancellationToken.None);

        Assert.Equal(2, inner.TextsEmbedded);
    }

    [Fact]
    public async Task Another_embedder_does_not_read_the_first_one_s_vectors()
    {
        await Cache(new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64))).GenerateAsync(["refunds take five days"]);
        var other = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var vector = await Cache(other).GenerateAsync(["refunds take five days"]);

        Assert.Equal(1, other.TextsEmbedded);
        Assert.Equal(32, vector[0].Vector.Length);
    }

    [Fact]
    public async Task Indexing_warms_the_cache_with_every_answer_sentence_so_answering_embeds_nothing()
    {
        using var kb = new TestKnowledgeBase();
        var inner = new CountingEmbedder(new LexicalHashingEmbeddingGenerator(64));
        var cache = Cache(inner);
        var ingestor = new KnowledgeBaseIngestor(kb.Store, cache, Options.Create(new KnowledgeBaseOptions { WarmAnswerSentences = true }), NullLogger<KnowledgeBaseIngestor>.Instance);
        var article = TestKnowledgeBase.Article("refunds-timing", "Refund timing", "## Cards\n\nRefunds take five to ten days. Banks decide the rest.\n\n## Bank debits\n\n- Debits take longer.\n- Some never return.");
        await ingestor.IngestAsync(article, CancellationToken.None);
        var embeddedWhileIndexing = inner.TextsEmbedded;

        var sentences = new MarkdownChunker(1500, 200).Chunk(article).SelectMany(c => SupportAssist.Answering.AnswerUnits.Of(new SupportAssist.Answering.Passage(1, c))).Select(u => u.Text).ToList();
        await cache.GenerateAsync(sentences);

        Assert.Equal(4, sentences.Count);
        Assert.Equal(embeddedWhileIndexing, inner.TextsEmbedded);
    }
}
