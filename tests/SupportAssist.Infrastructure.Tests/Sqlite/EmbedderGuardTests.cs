using SupportAssist.Infrastructure.AI;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>An index records the embedder that built it and never mixes vectors of two embedders.</summary>
public sealed class EmbedderGuardTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    private Task<IngestResult> SeedAsync() => _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", "Payouts arrive every two business days."), _ct);

    [Fact]
    public async Task The_index_records_its_embedder()
    {
        await SeedAsync();

        Assert.Equal("lexical/lexical-hashing-v1/64", await _kb.Store.GetEmbedderAsync(_ct));
        Assert.Equal("lexical/lexical-hashing-v1/64", await _kb.VectorIndex.GetEmbedderAsync(_ct));
    }

    [Fact]
    public async Task A_write_from_another_embedder_is_refused_and_changes_nothing()
    {
        await SeedAsync();
        var (other, _) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var error = await Assert.ThrowsAsync<EmbedderMismatchException>(() =>
            other.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days."), _ct));

        Assert.Contains("StartupIndexing=Rebuild", error.Message, StringComparison.Ordinal);
        Assert.Null(await _kb.Store.GetArticleAsync("refunds-timing", _ct));
        Assert.Equal(1, await _kb.Store.CountArticlesAsync(_ct));
    }

    [Fact]
    public async Task Search_with_another_embedder_skips_dense_and_says_why()
    {
        await SeedAsync();
        var (_, retriever) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var result = await retriever.RetrieveAsync(new RetrievalQuery("payout business days", new RetrievalFilter(Audience.Public), 3), _ct);

        Assert.True(result.Degraded);
        Assert.Contains("rebuilt", result.DegradedReason, StringComparison.Ordinal);
        Assert.Equal("payouts-schedule", Assert.Single(result.Articles).ArticleId);
        Assert.Equal(["bm25"], result.Articles[0].Sources.Select(s => s.Retriever));
    }

    [Fact]
    public async Task A_rebuild_reembeds_every_article_with_the_new_embedder()
    {
        await SeedAsync();
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days.", ArticleAudience.Internal), _ct);
        await _kb.VectorIndex.WarmUpAsync(_ct);
        var (ingestor, retriever) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var rebuilt = await ingestor.RebuildAsync(_ct);
        var result = await retriever.RetrieveAsync(new RetrievalQuery("refund five days", new RetrievalFilter(Audience.Agent), 3), _ct);

        Assert.Equal(2, rebuilt);
        Assert.Equal("lexical/lexical-hashing-v1/32", await _kb.Store.GetEmbedderAsync(_ct));
        Assert.False(result.Degraded);
        Assert.Contains(result.Articles[0].Sources, s => s.Retriever == "dense");
        Assert.Equal(ArticleAudience.Internal, (await _kb.Store.GetArticleAsync("refunds-timing", _ct))!.Article.Audience);
    }

    [Fact]
    public async Task An_emptied_index_can_be_refilled_by_any_embedder()
    {
        await SeedAsync();
        await _kb.Ingestor.DeleteAsync("payouts-schedule", _ct);
        var (other, _) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var result = await other.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days."), _ct);

        Assert.Equal(IngestStatus.Created, result.Status);
        Assert.Equal("lexical/lexical-hashing-v1/32", await _kb.Store.GetEmbedderAsync(_ct));
    }
}
