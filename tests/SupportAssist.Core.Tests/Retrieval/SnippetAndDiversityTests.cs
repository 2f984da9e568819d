namespace SupportAssist.Core.Tests.Retrieval;

public sealed class SnippetAndDiversityTests
{
    private const string Text = """
        Payouts are sent every two business days. The first payout takes seven days.
        If a payout is **delayed**, check that your bank account is verified. Weekends and holidays add time.
        """;

    [Fact]
    public void Snippet_starts_at_the_sentence_matching_the_query_best()
    {
        var snippet = SnippetBuilder.Build(Text, SnippetBuilder.QueryStems("my payout got delayed, bank account?"), 240);

        Assert.StartsWith("… If a payout is delayed, check that your bank account is verified.", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("**", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_is_cut_on_a_word_and_marked_when_longer_than_the_budget()
    {
        var snippet = SnippetBuilder.Build(Text, SnippetBuilder.QueryStems("payouts schedule"), 60);

        Assert.EndsWith(" …", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length <= 62, snippet);
        Assert.StartsWith("Payouts are sent every two business", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Diversity_moves_a_near_duplicate_below_a_different_article()
    {
        var a = Fused("a", "refund a card payment from the dashboard in a few steps", 0.030);
        var aCopy = Fused("b", "refund a card payment from the dashboard in a few steps today", 0.029);
        var other = Fused("c", "dispute evidence must be submitted before the deadline", 0.020);

        var plain = MaximalMarginalRelevance.Select([a, aCopy, other], 3, lambda: 1.0);
        var diverse = MaximalMarginalRelevance.Select([a, aCopy, other], 3, lambda: 0.5);

        Assert.Equal(["a", "b", "c"], plain.Select(f => f.Chunk.ArticleId));
        Assert.Equal(["a", "c", "b"], diverse.Select(f => f.Chunk.ArticleId));
    }

    private static FusedChunk Fused(string articleId, string text, double score) =>
        new(ReciprocalRankFusionTests.ChunkOf(articleId + "#1", articleId) with { Text = text }, score, [new RetrieverHit("bm25", 1, 1)]);
}
