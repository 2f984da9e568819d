using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

public sealed class IncrementalIndexingTests : IDisposable
{
    private const string Body = """
        # Payout schedule

        Payouts arrive every two business days.

        ## Change the schedule

        Open **Settings → Payouts** and choose weekly or monthly.

        ## First payout

        Your first payout waits seven days after your first successful payment.
        """;

    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task A_new_article_is_created_chunked_embedded_and_searchable()
    {
        var result = await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body), _ct);

        Assert.Equal(new IngestResult("payouts-schedule", IngestStatus.Created, 3, 3), result);
        Assert.Equal(["payouts-schedule"], await _kb.KeywordIdsAsync("weekly schedule"));
        Assert.Equal(["payouts-schedule"], await _kb.DenseIdsAsync("weekly schedule"));
        var stored = await _kb.Store.GetArticleAsync("payouts-schedule", _ct);
        Assert.Equal(3, stored!.ChunkCount);
    }

    [Fact]
    public async Task Reimporting_an_unchanged_article_does_no_work()
    {
        var article = TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body);
        await _kb.Ingestor.IngestAsync(article, _ct);
        var embeddedBefore = _kb.Embedder.TextsEmbedded;
        var storedBefore = await _kb.Store.GetArticleAsync(article.Id, _ct);

        var result = await _kb.Ingestor.IngestAsync(article with { Tags = [] }, _ct);

        Assert.Equal(IngestStatus.Unchanged, result.Status);
        Assert.Equal(embeddedBefore, _kb.Embedder.TextsEmbedded);
        Assert.Equal(storedBefore!.IndexedAt, (await _kb.Store.GetArticleAsync(article.Id, _ct))!.IndexedAt);
    }

    [Fact]
    public async Task A_changed_article_reembeds_only_changed_chunks_and_drops_old_text()
    {
        var article = TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body);
        await _kb.Ingestor.IngestAsync(article, _ct);
        await _kb.VectorIndex.WarmUpAsync(_ct); // in memory before the edit: the update path, not a fresh load
        var embeddedBefore = _kb.Embedder.TextsEmbedded;

        var edited = article with { Body = Body.Replace("choose weekly or monthly", "pick a daily cadence", StringComparison.Ordinal) };
        var result = await _kb.Ingestor.IngestAsync(edited, _ct);

        Assert.Equal(new IngestResult("payouts-schedule", IngestStatus.Updated, 3, 1), result);
        Assert.Equal(embeddedBefore + 1, _kb.Embedder.TextsEmbedded);
        Assert.Empty(await _kb.KeywordIdsAsync("weekly monthly"));
        Assert.Equal(["payouts-schedule"], await _kb.KeywordIdsAsync("daily cadence"));
        Assert.Equal(3, await _kb.VectorIndex.WarmUpAsync(_ct));
    }

    [Fact]
    public async Task A_deleted_article_disappears_from_both_indexes_at_once()
    {
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten business days."), _ct);
        await _kb.VectorIndex.WarmUpAsync(_ct);

        Assert.True(await _kb.Ingestor.DeleteAsync("payouts-schedule", _ct));

        Assert.Empty(await _kb.KeywordIdsAsync("payout schedule weekly"));
        Assert.DoesNotContain("payouts-schedule", await _kb.DenseIdsAsync("payout schedule weekly"));
        Assert.Null(await _kb.Store.GetArticleAsync("payouts-schedule", _ct));
        Assert.False(await _kb.Ingestor.DeleteAsync("payouts-schedule", _ct));
    }

    [Fact]
    public async Task An_unpublished_article_is_removed_from_search()
    {
        var article = TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body);
        await _kb.Ingestor.IngestAsync(article, _ct);

        var result = await _kb.Ingestor.IngestAsync(article with { Published = false }, _ct);

        Assert.Equal(IngestStatus.Unpublished, result.Status);
        Assert.Empty(await _kb.KeywordIdsAsync("payout schedule"));
        Assert.Empty(await _kb.DenseIdsAsync("payout schedule"));
    }

    [Fact]
    public async Task Vectors_are_reloaded_from_the_file_by_a_new_process()
    {
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body), _ct);
        var before = await _kb.DenseIdsAsync("first payout seven days");

        using var restarted = new TestKnowledgeBase(folder: Directory.CreateTempSubdirectory("supportassist-tests-").FullName);
        File.Copy(_kb.Database.Path, restarted.Database.Path);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(_kb.Database.Path + suffix)) File.Copy(_kb.Database.Path + suffix, restarted.Database.Path + suffix);
        }

        Assert.Equal(before, await restarted.DenseIdsAsync("first payout seven days"));
        Assert.Equal(3, restarted.VectorIndex.Count);
    }

    [Fact]
    public async Task A_chunk_identical_to_one_already_stored_reuses_its_vector()
    {
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", Body), _ct);
        var embeddedBefore = _kb.Embedder.TextsEmbedded;

        // Same content under a new id: every chunk's content hash is already stored.
        var result = await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule-copy", "Payout schedule", Body), _ct);

        Assert.Equal((IngestStatus.Created, 0), (result.Status, result.Embedded));
        Assert.Equal(embeddedBefore, _kb.Embedder.TextsEmbedded);
    }
}
