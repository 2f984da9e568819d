namespace SupportAssist.Core.Tests.Policy;

public sealed class GroundedReplyTests
{
    private static readonly int[] Offered = [1, 2];

    [Theory]
    // the model's pieces (split at '|') -> what is shown after each piece that shows something (joined by '|'), the rest shown at the end, a withdrawal
    [InlineData("Refunds take 5 days [1]|. Open the |payment [2]. Done", "Refunds take 5 days [1].| Open the payment [2].", " Done", false)]
    [InlineData("Refunds [1]. Fees [2].\n", "Refunds [1]. Fees [2].", "", false)]
    [InlineData("Refunds take 5 days [1].", "", "Refunds take 5 days [1].", false)]
    [InlineData("AB|out refunds [1]. x", "ABout refunds [1].", " x", false)]
    [InlineData("ABS|TAIN", "", "", false)]
    [InlineData("  ABSTAIN [1]. yes", "", "", false)]
    [InlineData("Refunds take 5 days [1]. Gold|members are instant [7]. More [2]. x", "Refunds take 5 days [1].", "", true)]
    [InlineData("Just click refund.", "", "", false)]
    [InlineData("Refunds [3] take 5 days [1]. x", "", "", false)]
    public void Shows_only_cited_text_while_streaming_and_withdraws_an_ungrounded_reply(string pieces, string shown, string rest, bool withdraw)
    {
        var reply = new GroundedReply(Offered);

        var seen = pieces.Split('|').Select(reply.Append).Where(s => s.Length > 0).ToList();
        var ending = reply.Complete();

        Assert.Equal(shown, string.Join('|', seen));
        Assert.Equal(new GroundedEnding(rest, withdraw), ending);
        Assert.Equal(pieces.Replace("|", "", StringComparison.Ordinal), reply.Text);
    }
}
