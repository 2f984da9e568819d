namespace SupportAssist.Core.Tests.Answering;

public sealed class CitationCheckTests
{
    private static readonly int[] Offered = [1, 2, 3];

    [Theory]
    [InlineData("Refunds take 5-10 days [1].", new[] { 1 })]
    [InlineData("Refunds take 5-10 days [2, 1]. Fees are kept [3].", new[] { 2, 1, 3 })]
    [InlineData("Go to Payments [1][2] and select Refund [1].", new[] { 1, 2 })]
    public void Answers_citing_offered_passages_are_grounded(string answer, int[] cited)
    {
        var check = CitationCheck.Of(answer, Offered);

        Assert.True(check.IsGrounded);
        Assert.Equal(cited, check.Cited);
        Assert.Empty(check.Unknown);
    }

    [Theory]
    [InlineData("Refunds take 5-10 days.")]
    [InlineData("See [the refunds article] for details.")]
    [InlineData("")]
    public void Answers_citing_nothing_are_not_grounded(string answer)
    {
        var check = CitationCheck.Of(answer, Offered);

        Assert.False(check.IsGrounded);
        Assert.Empty(check.Cited);
    }

    [Theory]
    [InlineData("Refunds take 5-10 days [1] [7].", 7)]
    [InlineData("Refunds take 5-10 days [0].", 0)]
    [InlineData("Refunds take 5-10 days [1, 4].", 4)]
    public void Answers_citing_a_passage_they_were_not_given_are_not_grounded(string answer, int invented)
    {
        var check = CitationCheck.Of(answer, Offered);

        Assert.False(check.IsGrounded);
        Assert.Contains(invented, check.Unknown);
    }

    [Fact]
    public void A_number_too_large_for_an_int_is_an_invented_citation()
    {
        var check = CitationCheck.Of("See [1] and [99999999999].", Offered);

        Assert.False(check.IsGrounded);
        Assert.Equal([1], check.Cited);
        Assert.Single(check.Unknown);
    }
}
