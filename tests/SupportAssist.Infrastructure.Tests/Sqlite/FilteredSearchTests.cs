using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

public sealed class FilteredSearchTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    private async Task SeedAsync()
    {
        // The internal runbook matches the query best, so a filter applied after a top-1 search would return nothing.
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-runbook", "Refund exception runbook",
            "Refund exception refund exception approvals for refund exceptions.", ArticleAudience.Internal, area: "refunds"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue", "Issue a refund",
            "How to issue a refund from the dashboard.", area: "refunds"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue-es", "Cómo emitir un reembolso",
            "Para emitir un reembolso (refund) abre el panel.", locale: "es", area: "refunds"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("fees-refund-fees", "Refund fees",
            "A refund exception does not return the processing fee.", area: "fees"), _ct);
    }

    [Fact]
    public async Task Public_top_one_keyword_search_skips_the_better_internal_match()
    {
        await SeedAsync();

        Assert.Equal(["refunds-runbook"], await _kb.KeywordIdsAsync("refund exception", Audience.Agent, limit: 1));
        var publicHit = Assert.Single(await _kb.KeywordIdsAsync("refund exception", Audience.Public, limit: 1));
        Assert.NotEqual("refunds-runbook", publicHit);
    }

    [Fact]
    public async Task Public_top_one_dense_search_skips_the_better_internal_match()
    {
        await SeedAsync();

        Assert.Equal(["refunds-runbook"], await _kb.DenseIdsAsync("refund exception refund exception approvals", Audience.Agent, limit: 1));
        var publicHit = Assert.Single(await _kb.DenseIdsAsync("refund exception refund exception approvals", Audience.Public, limit: 1));
        Assert.NotEqual("refunds-runbook", publicHit);
    }

    [Theory]
    [InlineData("es", null, new[] { "refunds-issue-es" })]
    [InlineData("es-MX", null, new[] { "refunds-issue-es" })]
    [InlineData("en", "fees", new[] { "fees-refund-fees" })]
    [InlineData("fr", null, new string[0])]
    [InlineData(null, "taxes", new string[0])]
    public async Task Locale_and_product_area_filter_both_retrievers(string? locale, string? area, string[] expected)
    {
        await SeedAsync();
        var filter = new RetrievalFilter(Audience.Public, locale, area);

        var keyword = await _kb.KeywordIndex.SearchAsync("refund", filter, 10, _ct);
        var vector = await _kb.EmbedAsync("refund");
        var dense = await _kb.VectorIndex.SearchAsync(vector, filter, 10, _ct);

        Assert.Equal(expected, keyword.Select(h => h.Chunk.ArticleId).Distinct().Order());
        Assert.Equal(expected, dense.Where(h => h.Score > 0).Select(h => h.Chunk.ArticleId).Distinct().Order());
        Assert.All(dense, h => Assert.True(filter.Matches(h.Chunk.Audience, h.Chunk.Locale, h.Chunk.ProductArea)));
    }

    [Theory]
    [InlineData("refund\" OR \"x")]
    [InlineData("refund AND (NOT")]
    [InlineData("title:refund*")]
    [InlineData("NEAR(refund fee, 2)")]
    [InlineData("réfund — fées?!")]
    public async Task Query_text_is_never_read_as_fts5_syntax(string query)
    {
        await SeedAsync();

        var hits = await _kb.KeywordIndex.SearchAsync(query, new RetrievalFilter(Audience.Public), 10, _ct);

        Assert.NotEmpty(hits);
    }

    [Fact]
    public async Task A_query_spelling_a_facet_token_matches_no_facet()
    {
        await SeedAsync();
        var internalToken = SqliteKeywordIndex.Facet('a', "internal");

        Assert.Empty(await _kb.KeywordIdsAsync(internalToken, Audience.Agent));
        Assert.DoesNotContain("refunds-runbook", await _kb.KeywordIdsAsync(internalToken + " refund", Audience.Public));
    }

    [Fact]
    public async Task A_query_without_words_finds_nothing()
    {
        await SeedAsync();

        Assert.Empty(await _kb.KeywordIndex.SearchAsync("?!  --  ", new RetrievalFilter(Audience.Public), 10, _ct));
    }

    [Fact]
    public async Task Title_matches_weigh_more_than_body_matches()
    {
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payments-chargebacks", "Chargebacks explained", "What happens after a customer disputes a payment with their bank."), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payments-overview", "Payments overview", "Cards, bank debits, wallets and chargebacks in one place."), _ct);

        Assert.Equal("payments-chargebacks", (await _kb.KeywordIdsAsync("chargebacks"))[0]);
    }

    [Fact]
    public async Task Hybrid_retrieval_falls_back_to_bm25_when_the_embedder_fails()
    {
        await SeedAsync();
        _kb.Embedder.Fail = true;

        var result = await _kb.Retriever.RetrieveAsync(new RetrievalQuery("issue a refund dashboard", new RetrievalFilter(Audience.Public), 3), _ct);

        Assert.True(result.Degraded);
        Assert.Equal("refunds-issue", result.Articles[0].ArticleId);
        Assert.All(result.Articles, a => Assert.Equal(["bm25"], a.Sources.Select(s => s.Retriever)));
    }

    [Fact]
    public async Task Hybrid_retrieval_reports_both_retrievers_and_a_normalised_score()
    {
        await SeedAsync();

        var result = await _kb.Retriever.RetrieveAsync(new RetrievalQuery("issue a refund from the dashboard", new RetrievalFilter(Audience.Public), 3), _ct);

        var top = result.Articles[0];
        Assert.False(result.Degraded);
        Assert.Equal("refunds-issue", top.ArticleId);
        Assert.Equal(["bm25", "dense"], top.Sources.Select(s => s.Retriever).Order());
        Assert.InRange(top.Score, 0.5, 1.0);
        Assert.DoesNotContain(result.Articles, a => a.ArticleId == "refunds-runbook");
    }
}
