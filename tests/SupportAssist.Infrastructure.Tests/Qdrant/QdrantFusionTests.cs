using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>
/// Qdrant's fusion counts ranks from 0, ours from 1; the store compensates in k, so fusing in Qdrant gives the
/// scores our own fusion gives, and the deflection thresholds mean the same with either.
/// </summary>
public sealed class QdrantFusionTests
{
    [QdrantStandInTheory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 0.5)]
    public async Task Server_fusion_scores_the_articles_as_client_fusion_does(double denseWeight, double keywordWeight)
    {
        var options = new RetrievalOptions { DenseWeight = denseWeight, KeywordWeight = keywordWeight };
        await using var server = await FakeQdrantServer.StartAsync();
        await using var kb = new QdrantTestKnowledgeBase(server.Root, serverFusion: true, retrieval: options);
        foreach (var (id, title, body) in new[]
                 {
                     ("payouts-schedule", "Payout schedule", "Payouts arrive every two business days after a payment settles."),
                     ("payouts-delayed", "Payout delayed", "A payout can be delayed by bank holidays or a verification check."),
                     ("refunds-timing", "Refund timing", "Refunds take five to ten business days to reach the card."),
                     ("disputes-evidence", "Dispute evidence", "Upload receipts and delivery tracking as evidence for a dispute."),
                 })
            await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article(id, title, body), CancellationToken.None);
        var client = new HybridRetriever(kb.Embedder, new SearchIndexes(kb.Search, kb.Search), Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<HybridRetriever>.Instance);

        foreach (var text in new[] { "when do payouts arrive", "refund business days", "dispute evidence upload", "bank holiday delay" })
        {
            var query = new RetrievalQuery(text, new RetrievalFilter(Audience.Public), 4);
            var fusedInQdrant = await kb.Retriever.RetrieveAsync(query, CancellationToken.None);
            var fusedByUs = await client.RetrieveAsync(query, CancellationToken.None);

            Assert.Equal(fusedByUs.Articles.Select(a => a.ArticleId), fusedInQdrant.Articles.Select(a => a.ArticleId));
            Assert.Equal(fusedByUs.Articles.Select(a => a.Score), fusedInQdrant.Articles.Select(a => a.Score), (x, y) => Math.Abs(x - y) < 1e-5);
            Assert.Equal([HybridRetriever.Fused], fusedInQdrant.Articles[0].Sources.Select(s => s.Retriever));
        }
    }

    [QdrantStandInFact]
    public async Task A_query_that_needs_each_retriever_s_scores_is_fused_on_our_side_even_with_server_fusion()
    {
        await using var server = await FakeQdrantServer.StartAsync();
        await using var kb = new QdrantTestKnowledgeBase(server.Root, serverFusion: true);
        await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten business days to reach the card."), CancellationToken.None);

        var result = await kb.Retriever.RetrieveAsync(new RetrievalQuery("refund business days", new RetrievalFilter(Audience.Public), 3) { NeedsRetrieverScores = true }, CancellationToken.None);

        Assert.Equal(["bm25", "dense"], result.Articles[0].Sources.Select(s => s.Retriever).Order(StringComparer.Ordinal));
    }
}
