namespace SupportAssist.Core.Tests.Answering;

public sealed class CitationQuotesTests
{
    private static Passage Passage(int number, string text, ArticleAudience audience = ArticleAudience.Public) =>
        new(number, new Chunk($"c{number}", $"a{number}", 0, $"Title {number}", null, $"Title {number}", text, "h", audience, "en", null));

    [Fact]
    public void Each_cited_passage_is_quoted_by_the_sentence_that_best_supports_the_claims_citing_it()
    {
        var passages = new[]
        {
            Passage(1, "Payouts run daily. Refunds reach the card in 5 to 10 business days. Fees are not returned."),
            Passage(2, "- Open the payment.\n- Select Refund.", ArticleAudience.Internal),
            Passage(3, "Unrelated text."),
        };

        var citations = CitationQuotes.Of("Select Refund on the payment [2]. The money reaches the card in 5 to 10 business days [1].", passages);

        Assert.Equal([2, 1], citations.Select(c => c.Number));
        Assert.Equal("Select Refund.", citations[0].Quote);
        Assert.Equal(ArticleAudience.Internal, citations[0].Audience);
        Assert.Equal("Refunds reach the card in 5 to 10 business days.", citations[1].Quote);
    }

    [Fact]
    public void Numbers_that_were_not_offered_get_no_citation()
    {
        Assert.Empty(CitationQuotes.Of("Refunds are instant [4].", [Passage(1, "Refunds take days.")]));
    }
}
