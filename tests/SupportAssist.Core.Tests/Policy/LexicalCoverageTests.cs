namespace SupportAssist.Core.Tests.Policy;

public sealed class LexicalCoverageTests
{
    private static Chunk ChunkOf(string title, string text) =>
        new("a#1", "a", 0, title, null, title, text, "hash", ArticleAudience.Public, "en", null);

    [Fact]
    public void A_passage_holding_every_content_word_of_the_question_is_full_evidence()
    {
        var evidence = LexicalCoverage.Of("how long do refunds take", [ChunkOf("Refund timing", "Refunds take five to ten days and are long enough to worry.")]);

        Assert.Equal(1.0, evidence);
    }

    [Fact]
    public void Evidence_is_the_best_single_passage_not_the_union()
    {
        var evidence = LexicalCoverage.Of("refund dispute payout fees",
            [ChunkOf("Refunds", "How refunds work."), ChunkOf("Disputes", "A dispute and its fees.")]);

        Assert.Equal(0.5, evidence);
    }

    [Fact]
    public void No_shared_word_or_no_content_word_is_no_evidence()
    {
        Assert.Equal(0.0, LexicalCoverage.Of("xylophone zeppelin", [ChunkOf("Refunds", "How refunds work.")]));
        Assert.Equal(0.0, LexicalCoverage.Of("how do I", [ChunkOf("Refunds", "How refunds work.")]));
        Assert.Equal(0.0, LexicalCoverage.Of("refunds", []));
    }
}
