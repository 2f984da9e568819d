using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Qdrant;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

public sealed class SparseTermVectorsTests
{
    private static readonly RetrievalOptions Weights = new() { TitleWeight = 3.0 };

    private static Chunk Chunk(string title, string headingPath, string text) =>
        new("a-1", "a", 0, title, null, headingPath, text, "hash", ArticleAudience.Public, "en", null);

    private static float Weight(SparseVector vector, string term)
    {
        var at = vector.Indices.ToList().IndexOf(SparseTermVectors.Index(term));
        return at < 0 ? 0 : vector.Values[at];
    }

    [Fact]
    public void A_query_holds_each_distinct_stemmed_content_word_once_with_weight_one()
    {
        var vector = SparseTermVectors.ForQuery("How do I change my payouts? Payout change!")!;

        Assert.Equal(2, vector.Indices.Count);
        Assert.All(vector.Values, v => Assert.Equal(1f, v));
        Assert.Contains(SparseTermVectors.Index("payout"), vector.Indices);
        Assert.Contains(SparseTermVectors.Index("chang"), vector.Indices);
    }

    [Fact]
    public void A_query_without_words_has_no_vector()
    {
        Assert.Null(SparseTermVectors.ForQuery("?! -- "));
    }

    [Fact]
    public void Indices_are_sorted_and_unique_as_qdrant_requires()
    {
        var vector = SparseTermVectors.ForChunk(Chunk("Refund fees", "Refund fees > Partial refunds", "A refund of a refund returns fees and more fees."), Weights);

        Assert.Equal(vector.Indices.Order(), vector.Indices);
        Assert.Equal(vector.Indices.Count, vector.Indices.Distinct().Count());
        Assert.Equal(vector.Indices.Count, vector.Values.Count);
    }

    [Fact]
    public void A_title_word_weighs_more_than_the_same_word_in_the_body()
    {
        var inTitle = SparseTermVectors.ForChunk(Chunk("Chargebacks", "Chargebacks", "What happens after a dispute."), Weights);
        var inBody = SparseTermVectors.ForChunk(Chunk("Disputes", "Disputes", "What happens after chargebacks."), Weights);

        Assert.True(Weight(inTitle, "chargeback") > Weight(inBody, "chargeback"));
    }

    [Fact]
    public void Term_frequency_saturates_rather_than_growing_linearly()
    {
        var once = SparseTermVectors.ForChunk(Chunk("T", "T", "refund policy text here"), Weights);
        var many = SparseTermVectors.ForChunk(Chunk("T", "T", "refund refund refund refund refund refund refund refund"), Weights);

        Assert.True(Weight(many, "refund") > Weight(once, "refund"));
        Assert.True(Weight(many, "refund") < 8 * Weight(once, "refund"));
        Assert.True(Weight(many, "refund") < 2.2f); // BM25's bound: k1 + 1
    }

    [Fact]
    public void Stop_words_are_not_indexed()
    {
        var vector = SparseTermVectors.ForChunk(Chunk("The fees", "The fees", "and the of to"), Weights);

        Assert.Equal([SparseTermVectors.Index("fee")], vector.Indices);
    }
}
