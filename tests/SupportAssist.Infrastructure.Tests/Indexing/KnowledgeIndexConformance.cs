namespace SupportAssist.Infrastructure.Tests.Indexing;

/// <summary>
/// What every store behind the index interfaces must do, run against each one (SQLite here; Qdrant through
/// our loopback stand-in, and a real Qdrant when QDRANT_URL is set): filters inside the query, incremental
/// updates, deletes, vector reuse, and the embedder guard.
/// </summary>
public abstract class KnowledgeIndexConformance : IAsyncLifetime
{
    private const string PayoutBody = SampleArticles.PayoutBody;

    private readonly CancellationToken _ct = CancellationToken.None;
    private IKnowledgeBaseUnderTest _kb = null!;

    private protected abstract Task<IKnowledgeBaseUnderTest> CreateAsync();

    /// <summary>The retrieval settings every store runs the suite with: a title weighing three times the body, so field weights show.</summary>
    internal static RetrievalOptions Settings => new() { TitleWeight = 3.0 };

    public async Task InitializeAsync() => _kb = await CreateAsync();

    public async Task DisposeAsync() => await _kb.DisposeAsync();

    private Task SeedAsync() => SampleArticles.IngestRefundsAsync(_kb.Ingestor);

    private Task<IngestResult> SeedPayoutsAsync() => SampleArticles.IngestPayoutsAsync(_kb.Ingestor);

    [ConformanceFact]
    public async Task Public_top_one_keyword_search_skips_the_better_internal_match()
    {
        await SeedAsync();

        Assert.Equal(["refunds-runbook"], await _kb.KeywordIdsAsync("refund exception", Audience.Agent, limit: 1));
        var publicHit = Assert.Single(await _kb.KeywordIdsAsync("refund exception", Audience.Public, limit: 1));
        Assert.NotEqual("refunds-runbook", publicHit);
    }

    [ConformanceFact]
    public async Task Public_top_one_dense_search_skips_the_better_internal_match()
    {
        await SeedAsync();

        Assert.Equal(["refunds-runbook"], await _kb.DenseIdsAsync("refund exception refund exception approvals", Audience.Agent, limit: 1));
        var publicHit = Assert.Single(await _kb.DenseIdsAsync("refund exception refund exception approvals", Audience.Public, limit: 1));
        Assert.NotEqual("refunds-runbook", publicHit);
    }

    [ConformanceFact]
    public async Task Locale_and_product_area_filter_both_retrievers()
    {
        await SeedAsync();
        (string? Locale, string? Area, string[] Expected)[] cases =
        [
            ("es", null, ["refunds-issue-es"]),
            ("es-MX", null, ["refunds-issue-es"]),
            ("en", "fees", ["fees-refund-fees"]),
            ("fr", null, []),
            (null, "taxes", []),
        ];

        foreach (var (locale, area, expected) in cases)
        {
            var filter = new RetrievalFilter(Audience.Public, locale, area);
            var keyword = await _kb.KeywordIndex.SearchAsync("refund", filter, 10, _ct);
            var dense = await _kb.VectorIndex.SearchAsync(await _kb.EmbedAsync("refund"), filter, 10, _ct);

            Assert.Equal(expected, keyword.Select(h => h.Chunk.ArticleId).Distinct().Order());
            Assert.Equal(expected, dense.Where(h => h.Score > 0).Select(h => h.Chunk.ArticleId).Distinct().Order());
            Assert.All(dense, h => Assert.True(filter.Matches(h.Chunk.Audience, h.Chunk.Locale, h.Chunk.ProductArea)));
        }
    }

    [ConformanceFact]
    public async Task A_query_without_words_finds_nothing()
    {
        await SeedAsync();

        Assert.Empty(await _kb.KeywordIndex.SearchAsync("?!  --  ", new RetrievalFilter(Audience.Public), 10, _ct));
    }

    [ConformanceFact]
    public async Task Title_matches_weigh_more_than_body_matches_when_the_title_weighs_more()
    {
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payments-chargebacks", "Chargebacks explained", "What happens after a customer disputes a payment with their bank."), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payments-overview", "Payments overview", "Cards, bank debits, wallets and chargebacks in one place."), _ct);

        Assert.Equal("payments-chargebacks", (await _kb.KeywordIdsAsync("chargebacks"))[0]);
    }

    [ConformanceFact]
    public async Task Hybrid_retrieval_falls_back_to_bm25_when_the_embedder_fails()
    {
        await SeedAsync();
        _kb.Embedder.Fail = true;

        var result = await _kb.Retriever.RetrieveAsync(new RetrievalQuery("issue a refund dashboard", new RetrievalFilter(Audience.Public), 3), _ct);

        Assert.True(result.Degraded);
        Assert.Equal("refunds-issue", result.Articles[0].ArticleId);
        Assert.All(result.Articles, a => Assert.Equal(["bm25"], a.Sources.Select(s => s.Retriever)));
    }

    [ConformanceFact]
    public async Task Hybrid_retrieval_reports_its_retrievers_and_a_normalised_score()
    {
        await SeedAsync();

        var result = await _kb.Retriever.RetrieveAsync(new RetrievalQuery("issue a refund from the dashboard", new RetrievalFilter(Audience.Public), 3), _ct);

        var top = result.Articles[0];
        Assert.False(result.Degraded);
        Assert.Equal("refunds-issue", top.ArticleId);
        Assert.Equal(_kb.HybridSources.Order(), top.Sources.Select(s => s.Retriever).Order());
        Assert.InRange(top.Score, 0.5, 1.0);
        Assert.DoesNotContain(result.Articles, a => a.ArticleId == "refunds-runbook");
    }

    [ConformanceFact]
    public async Task A_new_article_is_created_chunked_embedded_and_searchable()
    {
        var result = await SeedPayoutsAsync();

        Assert.Equal(new IngestResult("payouts-schedule", IngestStatus.Created, 3, 3), result);
        Assert.Equal(["payouts-schedule"], await _kb.KeywordIdsAsync("weekly schedule"));
        Assert.Equal(["payouts-schedule"], await _kb.DenseIdsAsync("weekly schedule"));
        var stored = await _kb.Store.GetArticleAsync("payouts-schedule", _ct);
        Assert.Equal(3, stored!.ChunkCount);
        Assert.Equal(PayoutBody, stored.Article.Body);
        Assert.Equal(["payouts-schedule"], (await _kb.Store.ListArticlesAsync(_ct)).Select(a => a.Id));
    }

    [ConformanceFact]
    public async Task Reimporting_an_unchanged_article_does_no_work()
    {
        var article = TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", PayoutBody);
        await _kb.Ingestor.IngestAsync(article, _ct);
        var embeddedBefore = _kb.Embedder.TextsEmbedded;
        var storedBefore = await _kb.Store.GetArticleAsync(article.Id, _ct);

        var result = await _kb.Ingestor.IngestAsync(article with { Tags = [] }, _ct);

        Assert.Equal(IngestStatus.Unchanged, result.Status);
        Assert.Equal(embeddedBefore, _kb.Embedder.TextsEmbedded);
        Assert.Equal(storedBefore!.IndexedAt, (await _kb.Store.GetArticleAsync(article.Id, _ct))!.IndexedAt);
    }

    [ConformanceFact]
    public async Task A_changed_article_reembeds_only_changed_chunks_and_drops_old_text()
    {
        var article = TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", PayoutBody);
        await _kb.Ingestor.IngestAsync(article, _ct);
        await _kb.WarmUpAsync();
        var embeddedBefore = _kb.Embedder.TextsEmbedded;

        var edited = article with { Body = PayoutBody.Replace("choose weekly or monthly", "pick a daily cadence", StringComparison.Ordinal) };
        var result = await _kb.Ingestor.IngestAsync(edited, _ct);

        Assert.Equal(new IngestResult("payouts-schedule", IngestStatus.Updated, 3, 1), result);
        Assert.Equal(embeddedBefore + 1, _kb.Embedder.TextsEmbedded);
        Assert.Empty(await _kb.KeywordIdsAsync("weekly monthly"));
        Assert.Equal(["payouts-schedule"], await _kb.KeywordIdsAsync("daily cadence"));
        var dense = await _kb.VectorIndex.SearchAsync(await _kb.EmbedAsync("payout"), new RetrievalFilter(Audience.Agent), 10, _ct);
        Assert.Equal(3, dense.Count);
    }

    [ConformanceFact]
    public async Task A_deleted_article_disappears_from_both_indexes_at_once()
    {
        await SeedPayoutsAsync();
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten business days."), _ct);
        await _kb.WarmUpAsync();

        Assert.True(await _kb.Ingestor.DeleteAsync("payouts-schedule", _ct));

        Assert.Empty(await _kb.KeywordIdsAsync("payout schedule weekly"));
        Assert.DoesNotContain("payouts-schedule", await _kb.DenseIdsAsync("payout schedule weekly"));
        Assert.Null(await _kb.Store.GetArticleAsync("payouts-schedule", _ct));
        Assert.Equal(1, await _kb.Store.CountArticlesAsync(_ct));
        Assert.False(await _kb.Ingestor.DeleteAsync("payouts-schedule", _ct));
    }

    [ConformanceFact]
    public async Task An_unpublished_article_is_removed_from_search()
    {
        var article = TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", PayoutBody);
        await _kb.Ingestor.IngestAsync(article, _ct);

        var result = await _kb.Ingestor.IngestAsync(article with { Published = false }, _ct);

        Assert.Equal(IngestStatus.Unpublished, result.Status);
        Assert.Empty(await _kb.KeywordIdsAsync("payout schedule"));
        Assert.Empty(await _kb.DenseIdsAsync("payout schedule"));
    }

    [ConformanceFact]
    public async Task A_chunk_identical_to_one_already_stored_reuses_its_vector()
    {
        await SeedPayoutsAsync();
        var embeddedBefore = _kb.Embedder.TextsEmbedded;

        // Same content under a new id: every chunk's content hash is already stored.
        var result = await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule-copy", "Payout schedule", PayoutBody), _ct);

        Assert.Equal((IngestStatus.Created, 0), (result.Status, result.Embedded));
        Assert.Equal(embeddedBefore, _kb.Embedder.TextsEmbedded);
        Assert.Contains("payouts-schedule-copy", await _kb.DenseIdsAsync("first payout seven days"));
    }

    [ConformanceFact]
    public async Task The_index_records_its_embedder()
    {
        await SeedPayoutsAsync();

        Assert.Equal("lexical/lexical-hashing-v1/64", await _kb.Store.GetEmbedderAsync(_ct));
        Assert.Equal("lexical/lexical-hashing-v1/64", await _kb.VectorIndex.GetEmbedderAsync(_ct));
    }

    [ConformanceFact]
    public async Task A_write_from_another_embedder_is_refused_and_changes_nothing()
    {
        await SeedPayoutsAsync();
        var (other, _) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var error = await Assert.ThrowsAsync<EmbedderMismatchException>(() =>
            other.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days."), _ct));

        Assert.Contains("StartupIndexing=Rebuild", error.Message, StringComparison.Ordinal);
        Assert.Null(await _kb.Store.GetArticleAsync("refunds-timing", _ct));
        Assert.Equal(1, await _kb.Store.CountArticlesAsync(_ct));
    }

    [ConformanceFact]
    public async Task Search_with_another_embedder_skips_dense_and_says_why()
    {
        await SeedPayoutsAsync();
        var (_, retriever) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var result = await retriever.RetrieveAsync(new RetrievalQuery("payout business days", new RetrievalFilter(Audience.Public), 3), _ct);

        Assert.True(result.Degraded);
        Assert.Contains("rebuilt", result.DegradedReason, StringComparison.Ordinal);
        Assert.Equal("payouts-schedule", Assert.Single(result.Articles).ArticleId);
        Assert.Equal(["bm25"], result.Articles[0].Sources.Select(s => s.Retriever));
    }

    [ConformanceFact]
    public async Task A_rebuild_reembeds_every_article_with_the_new_embedder()
    {
        await SeedPayoutsAsync();
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days.", ArticleAudience.Internal), _ct);
        await _kb.WarmUpAsync();
        var (ingestor, retriever) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var rebuilt = await ingestor.RebuildAsync(_ct);
        var result = await retriever.RetrieveAsync(new RetrievalQuery("refund five days", new RetrievalFilter(Audience.Agent), 3), _ct);

        Assert.Equal(2, rebuilt);
        Assert.Equal("lexical/lexical-hashing-v1/32", await _kb.Store.GetEmbedderAsync(_ct));
        Assert.False(result.Degraded);
        Assert.Equal("refunds-timing", result.Articles[0].ArticleId);
        Assert.Equal(ArticleAudience.Internal, (await _kb.Store.GetArticleAsync("refunds-timing", _ct))!.Article.Audience);
    }

    [ConformanceFact]
    public async Task An_emptied_index_can_be_refilled_by_any_embedder()
    {
        await SeedPayoutsAsync();
        await _kb.Ingestor.DeleteAsync("payouts-schedule", _ct);
        var (other, _) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var result = await other.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days."), _ct);

        Assert.Equal(IngestStatus.Created, result.Status);
        Assert.Equal("lexical/lexical-hashing-v1/32", await _kb.Store.GetEmbedderAsync(_ct));
    }
}

/// <summary>The shared suite on the embedded SQLite store.</summary>
public sealed class SqliteConformanceTests : KnowledgeIndexConformance
{
    private protected override Task<IKnowledgeBaseUnderTest> CreateAsync() => Task.FromResult<IKnowledgeBaseUnderTest>(new TestKnowledgeBase(retrieval: Settings));
}
