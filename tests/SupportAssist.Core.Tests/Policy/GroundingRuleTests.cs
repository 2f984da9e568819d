namespace SupportAssist.Core.Tests.Policy;

public sealed class GroundingRuleTests
{
    private static readonly int[] Offered = [1, 2];

    [Theory]
    [InlineData("ABSTAIN", true)]
    [InlineData("  ABSTAIN\n", true)]
    [InlineData("ABSTAIN: the passages do not say", true)]
    [InlineData("abstain", false)]
    [InlineData("I ABSTAIN", false)]
    [InlineData("Refunds take 5 days [1].", false)]
    [InlineData("", false)]
    public void An_abstention_is_a_reply_starting_with_ABSTAIN(string reply, bool expected) =>
        Assert.Equal(expected, GroundingRule.IsAbstention(reply));

    [Theory]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("AB", true)]
    [InlineData(" ABSTAI", true)]
    [InlineData("ABSTAIN", false)]
    [InlineData("Ab", false)]
    [InlineData("ABOUT", false)]
    [InlineData("Refunds", false)]
    public void A_reply_may_become_an_abstention_while_it_is_a_prefix_of_ABSTAIN(string start, bool expected) =>
        Assert.Equal(expected, GroundingRule.MayBecomeAbstention(start));

    [Theory]
    [InlineData("Refunds take 5 days [1].", true)]
    [InlineData("Open the payment [1] and select Refund [2].", true)]
    [InlineData("Refunds take 5 days [1, 2].", true)]
    [InlineData("Refunds take 5 days.", false)]
    [InlineData("Refunds take 5 days [3].", false)]
    [InlineData("Refunds take 5 days [1]. Gold is instant [3].", false)]
    [InlineData("ABSTAIN [1]", false)]
    public void A_final_text_is_grounded_when_it_cites_offered_passages_only(string text, bool expected) =>
        Assert.Equal(expected, GroundingRule.IsGrounded(text, Offered));

    [Theory]
    // text, already shown -> the text that may be shown in all, whether a citation was invented
    [InlineData("Refunds take 5 days [1]. Open", 0, "Refunds take 5 days [1].", false)]
    [InlineData("Refunds take 5 days [1].", 0, "", false)]
    [InlineData("Refunds take 5 days [1]", 0, "", false)]
    [InlineData("Refunds take 5 days [1] and", 0, "Refunds take 5 days [1]", false)]
    [InlineData("No citation yet, just words", 0, "", false)]
    [InlineData("Open it [1]. Select [2]! Done", 0, "Open it [1]. Select [2]!", false)]
    [InlineData("Open it [1]. Select [2]! Done", 12, "Open it [1]. Select [2]!", false)]
    [InlineData("Open it [1, 2]; then", 0, "Open it [1, 2];", false)]
    [InlineData("Open it [1]. Gold is instant [7]. More [2]. x", 0, "Open it [1].", true)]
    [InlineData("Open it [1,3] now", 0, "", true)]
    [InlineData("Open it [99999999999] now", 0, "", true)]
    [InlineData("See [the refunds article] now", 0, "", false)]
    public void A_stream_shows_text_up_to_the_last_valid_citation(string text, int shown, string showable, bool invalid)
    {
        var (end, invented) = GroundingRule.ShowableEnd(text, shown, Offered);

        Assert.Equal(showable, text[..end]);
        Assert.Equal(invalid, invented);
    }
}
