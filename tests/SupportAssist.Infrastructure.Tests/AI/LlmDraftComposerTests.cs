using SupportAssist.Answering;
using SupportAssist.Drafting;
using SupportAssist.Text;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>Agent drafts and thread summaries through the real Semantic Kernel path against our fake server.</summary>
public sealed class LlmDraftComposerTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static DraftRequest Request() => new(
        new Ticket("Refund not received", "I refunded order 1182 last week and the customer still has not got the money.",
            [new TicketMessage(MessageRole.Agent, "Could you share the payment id?"), new TicketMessage(MessageRole.Customer, "It is pay_8812. When will it arrive?")],
            new CustomerInfo(null, "premium", "DE", null)),
        [
            LlmTestHost.Passage(1, "refunds-timing", "Refund timing", "Refunds reach the customer's card in 5 to 10 business days."),
            LlmTestHost.Passage(2, "refunds-internal", "Refund escalations", "Agents may open a trace with the card network after 10 business days.", ArticleAudience.Internal),
        ],
        LanguageGuess.Known["de"], "friendly and concise", 180, "English", 3);

    [Fact]
    public async Task A_draft_is_generated_from_the_ticket_and_labelled_passages_in_the_ticket_language_and_tone()
    {
        _server.Enqueue(FakeReply.Chat("Hallo [NAME], Rückerstattungen dauern 5 bis 10 Werktage [1]."));
        await using var host = await LlmTestHost.StartAsync(LlmTestHost.Settings(_server));

        var draft = await host.Drafts.DraftReplyAsync(Request(), CancellationToken.None);

        Assert.Equal(AnswerMode.Generated, draft.Mode);
        Assert.Equal("draft-reply@2", draft.Prompt);
        Assert.Equal("refunds-timing", Assert.Single(draft.Citations, c => c.Audience == ArticleAudience.Public).ArticleId);
        using var body = _server.Requests.Single().Json();
        var messages = body.RootElement.GetProperty("messages");
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.Contains("in German, in a friendly and concise tone", system, StringComparison.Ordinal);
        var user = messages[1].GetProperty("content").GetString()!;
        Assert.Contains("[customer] It is pay_8812. When will it arrive?", user, StringComparison.Ordinal);
        Assert.Contains("[agent] Could you share the payment id?", user, StringComparison.Ordinal);
        Assert.Contains("[2] (internal) Refund escalations", user, StringComparison.Ordinal);
        Assert.Contains("Customer name: [NAME]", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_citing_a_passage_it_was_not_given_is_replaced_by_the_extractive_draft()
    {
        _server.Enqueue(FakeReply.Chat("Refunds are instant [5]."));
        await using var host = await LlmTestHost.StartAsync(LlmTestHost.Settings(_server));

        var draft = await host.Drafts.DraftReplyAsync(Request(), CancellationToken.None);

        Assert.Equal(AnswerMode.Extractive, draft.Mode);
        Assert.Contains("cited passages it was not given (5)", draft.DegradedReason, StringComparison.Ordinal);
        Assert.DoesNotContain("instant", draft.Text, StringComparison.Ordinal);
        Assert.NotNull(draft.Usage);
    }

    [Fact]
    public async Task A_draft_citing_an_internal_passage_is_replaced_by_the_extractive_draft()
    {
        _server.Enqueue(FakeReply.Chat("We can open a trace with the card network for you [2]."));
        await using var host = await LlmTestHost.StartAsync(LlmTestHost.Settings(_server));

        var draft = await host.Drafts.DraftReplyAsync(Request(), CancellationToken.None);

        Assert.Equal(AnswerMode.Extractive, draft.Mode);
        Assert.Contains("cited internal articles in the customer's reply (2)", draft.DegradedReason, StringComparison.Ordinal);
        Assert.Equal("draft-reply@2", draft.Prompt);
        Assert.DoesNotContain("card network", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_draft_lists_the_internal_guidance_beside_the_reply_without_citing_it()
    {
        _server.Enqueue(FakeReply.Chat("Hallo [NAME], Rückerstattungen dauern 5 bis 10 Werktage [1]."));
        await using var host = await LlmTestHost.StartAsync(LlmTestHost.Settings(_server));

        var draft = await host.Drafts.DraftReplyAsync(Request(), CancellationToken.None);

        var guidance = Assert.Single(draft.Citations, c => c.Audience == ArticleAudience.Internal);
        Assert.Equal("refunds-internal", guidance.ArticleId);
        Assert.DoesNotContain("[2]", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_uses_its_own_prompt_in_the_agents_language_and_sees_no_passages()
    {
        _server.Enqueue(FakeReply.Chat("The customer refunded order 1182 and asks when the money arrives."));
        await using var host = await LlmTestHost.StartAsync(LlmTestHost.Settings(_server));

        var summary = await host.Drafts.SummarizeAsync(Request(), CancellationToken.None);

        Assert.Equal("The customer refunded order 1182 and asks when the money arrives.", summary.Text);
        Assert.Equal("thread-summary@1", summary.Prompt);
        var sent = _server.Requests.Single().AllMessageText();
        Assert.Contains("In English, at most 3 sentences", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("<passages>", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_gives_the_extractive_draft_and_summary_marked_degraded()
    {
        _server.Default = FakeReply.Status(503);
        var settings = LlmTestHost.Settings(_server);
        settings["SupportAssist:Llm:Resilience:MaxRetries"] = "0";
        await using var host = await LlmTestHost.StartAsync(settings);

        var draft = await host.Drafts.DraftReplyAsync(Request(), CancellationToken.None);
        var summary = await host.Drafts.SummarizeAsync(Request(), CancellationToken.None);

        Assert.Equal("openai-compatible:fake-model: HTTP 503", draft.DegradedReason);
        Assert.Equal(AnswerMode.Extractive, summary.Mode);
        Assert.True(summary.Degraded);
        Assert.StartsWith("Hallo [NAME],", draft.Text, StringComparison.Ordinal);
    }
}
