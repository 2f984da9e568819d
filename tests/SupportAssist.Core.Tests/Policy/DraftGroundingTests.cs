namespace SupportAssist.Core.Tests.Policy;

public sealed class DraftGroundingTests
{
    private static readonly Passage[] Passages =
    [
        new(1, new Chunk("refunds#0", "refunds", 0, "Refund timing", null, "Refund timing", "Refunds take 5 to 10 days.", "h1", ArticleAudience.Public, "en", null)),
        new(2, new Chunk("traces#0", "traces", 0, "Card traces", null, "Card traces", "Open a trace after 10 days.", "h2", ArticleAudience.Internal, "en", null)),
    ];

    [Theory]
    // the draft -> what breaks the rule (null: grounded)
    [InlineData("Refunds take 5 to 10 days [1].", null)]
    [InlineData("We are looking into it.", null)]
    [InlineData("Refunds take 5 to 10 days [1] [3].", "the draft cited passages it was not given (3)")]
    [InlineData("See [4, 7].", "the draft cited passages it was not given (4, 7)")]
    [InlineData("We will open a trace [2].", "the draft cited internal articles in the customer's reply (2)")]
    [InlineData("Refunds take days [1]; a trace helps [2].", "the draft cited internal articles in the customer's reply (2)")]
    [InlineData("A trace [2] and more [9].", "the draft cited passages it was not given (9)")]
    public void A_draft_may_cite_only_the_public_passages_it_was_given(string draft, string? problem) =>
        Assert.Equal(problem, DraftGrounding.Problem(draft, Passages));
}
