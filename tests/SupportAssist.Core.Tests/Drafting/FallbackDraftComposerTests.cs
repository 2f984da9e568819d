using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Drafting;
using SupportAssist.Text;

namespace SupportAssist.Core.Tests.Drafting;

public sealed class FallbackDraftComposerTests
{
    private static readonly TokenUsage Usage = new(120, 40, null);

    private static readonly DraftRequest Request = new(
        new Ticket("Refund", "Where is my refund?", [], new CustomerInfo(null, null, null, null)),
        [
            new Passage(1, new Chunk("refunds#0", "refunds", 0, "Refund timing", null, "Refund timing", "Refunds take 5 to 10 days.", "h1", ArticleAudience.Public, "en", null)),
            new Passage(2, new Chunk("traces#0", "traces", 0, "Card traces", null, "Card traces", "Open a trace after 10 days.", "h2", ArticleAudience.Internal, "en", null)),
        ],
        LanguageGuess.Known["en"], "friendly", 180, "English", 3);

    private static readonly ComposedAnswer Extractive = new("Refunds take 5 to 10 days. [1]", AnswerMode.Extractive, [], null) { Composer = "extractive" };

    [Theory]
    // what the model does -> the draft's mode, its degradation ("" when none), and whether the model's usage is kept
    [InlineData("grounded", AnswerMode.Generated, "", true)]
    [InlineData("unknown citation", AnswerMode.Extractive, "openai:gpt-test: the draft cited passages it was not given (5)", true)]
    [InlineData("internal citation", AnswerMode.Extractive, "openai:gpt-test: the draft cited internal articles in the customer's reply (2)", true)]
    [InlineData("down", AnswerMode.Extractive, "openai:gpt-test: rate limited (429)", false)]
    public async Task A_draft_falls_back_to_the_extractive_one_when_the_model_is_down_or_breaks_the_grounding_rule(
        string model, AnswerMode mode, string degradation, bool keepsUsage)
    {
        var draft = await Composer(model).DraftReplyAsync(Request, CancellationToken.None);

        Assert.Equal(mode, draft.Mode);
        Assert.Equal(degradation, draft.DegradedReason ?? "");
        Assert.Equal(keepsUsage ? Usage : null, draft.Usage);
    }

    [Fact]
    public async Task A_grounded_generated_draft_lists_the_best_internal_passage_for_the_agent()
    {
        var draft = await Composer("grounded").DraftReplyAsync(Request, CancellationToken.None);

        Assert.Equal(["refunds", "traces"], draft.Citations.Select(c => c.ArticleId));
        Assert.Equal(ArticleAudience.Internal, draft.Citations[^1].Audience);
    }

    [Theory]
    [InlineData("down", AnswerMode.Extractive)]
    [InlineData("grounded", AnswerMode.Generated)]
    public async Task A_summary_falls_back_only_when_the_model_is_down(string model, AnswerMode mode) =>
        Assert.Equal(mode, (await Composer(model).SummarizeAsync(Request, CancellationToken.None)).Mode);

    [Fact]
    public async Task A_defect_in_the_primary_is_not_mistaken_for_an_outage()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Composer("bug").DraftReplyAsync(Request, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Composer("bug").SummarizeAsync(Request, CancellationToken.None));
    }

    private static FallbackDraftComposer Composer(string model) =>
        new(new ScriptedModel(model), new Fixed(Extractive), NullLogger<FallbackDraftComposer>.Instance);

    private sealed class ScriptedModel(string behaviour) : IDraftComposer
    {
        public Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken) => Task.FromResult(behaviour switch
        {
            "grounded" => Generated("Refunds take 5 to 10 days [1].", request),
            "unknown citation" => Generated("Refunds take 5 to 10 days [5].", request),
            "internal citation" => Generated("We opened a trace [2].", request),
            "down" => throw new LanguageModelUnavailableException("openai:gpt-test", "rate limited (429)", new HttpRequestException()),
            _ => throw new InvalidOperationException("a defect"),
        });

        public Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken) => Task.FromResult(behaviour switch
        {
            "grounded" => Generated("The customer waits for a refund.", request),
            "down" => throw new LanguageModelUnavailableException("openai:gpt-test", "timed out", new TimeoutException()),
            _ => throw new InvalidOperationException("a defect"),
        });

        private static ComposedAnswer Generated(string text, DraftRequest request) =>
            new(text, AnswerMode.Generated, CitationQuotes.Of(text, request.Passages), null) { Composer = "openai:gpt-test", Prompt = "draft-reply@2", Usage = Usage };
    }

    private sealed class Fixed(ComposedAnswer answer) : IDraftComposer
    {
        public Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
