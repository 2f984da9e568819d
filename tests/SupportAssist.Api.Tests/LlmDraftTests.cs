namespace SupportAssist.Api.Tests;

/// <summary><c>POST /v1/drafts</c> with a language model configured: reply and summary from their prompts, end to end.</summary>
public sealed class LlmDraftTests(LlmFixture llm) : IClassFixture<LlmFixture>
{
    private readonly HttpClient _client = llm.Factory.CreateClient();

    private static readonly object Ticket = new
    {
        subject = "Refund not received",
        body = "Hi, I'm Lucía Fernández. I refunded a customer on Monday and they have not got the money. My card is 4000 0566 5566 5556.",
        thread = new object[] { new { role = "agent", text = "Hello Lucía Fernández, which payment is it?" }, new { role = "customer", text = "pay_1182. How long do refunds take? Thanks, Lucía" } },
        customer = new { name = "Lucía Fernández", plan = "premium", locale = "en" },
    };

    [Fact]
    public async Task The_draft_and_summary_come_from_the_model_and_the_customers_name_and_card_never_reach_it()
    {
        // The reply and the summary are asked for at once; each answer fits whichever request it meets.
        llm.Server.Default = FakeReply.ChatFrom(request => request.AllMessageText().Contains("<passages>", StringComparison.Ordinal)
            ? "Hi [NAME], refunds reach the card in 5 to 10 business days [1]."
            : "The customer refunded pay_1182 on Monday and asks how long refunds take.");
        var before = llm.Server.Requests.Count;
        try
        {
            var response = await _client.PostAsJsonAsync("/v1/drafts", Ticket);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var reply = body.GetProperty("reply");
            Assert.Equal("generated", reply.GetProperty("mode").GetString());
            Assert.Equal("Hi Lucía Fernández, refunds reach the card in 5 to 10 business days [1].", reply.GetProperty("text").GetString());
            Assert.Equal("The customer refunded pay_1182 on Monday and asks how long refunds take.", body.GetProperty("summary").GetProperty("text").GetString());
            Assert.Equal("generated", body.GetProperty("summary").GetProperty("mode").GetString());
            var sent = llm.ChatRequestsSince(before);
            Assert.Equal(2, sent.Count);
            Assert.All(sent, r => Assert.DoesNotContain("Lucía", r.Body, StringComparison.Ordinal));
            Assert.All(sent, r => Assert.DoesNotContain("4000 0566 5566 5556", r.Body, StringComparison.Ordinal));
            Assert.Contains(sent, r => r.AllMessageText().Contains("Hello [NAME], which payment is it?", StringComparison.Ordinal));
            Assert.Contains(sent, r => r.AllMessageText().Contains("How long do refunds take? Thanks, [NAME]", StringComparison.Ordinal));

            var outcome = await llm.Factory.Services.GetRequiredService<IOutcomeLog>().GetAsync(body.GetProperty("id").GetGuid(), CancellationToken.None);
            Assert.NotNull(outcome);
            Assert.Equal("draft", outcome.Kind);
            Assert.Equal(["draft-reply@2", "thread-summary@1"], outcome.Prompts);
            Assert.Equal(240, outcome.Usage!.InputTokens);
            Assert.Equal(60, outcome.Usage.OutputTokens);
            Assert.DoesNotContain("Lucía", outcome.Input, StringComparison.Ordinal);
        }
        finally
        {
            llm.Server.Default = FakeReply.Chat("Fake answer [1].");
        }
    }
}
