using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Infrastructure.Tests.AI;
using SupportAssist.Infrastructure.Triage;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Tests.Triage;

/// <summary>Zero-shot triage through the real Semantic Kernel path on our fake server, with a trained classifier of our own as the fallback.</summary>
public sealed class LlmIntentClassifierTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed class Trained : IIntentClassifier
    {
        public string Name => "mlnet/test";

        public double OutOfScopeThreshold => 0.2;

        public Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken) =>
            Task.FromResult(new IntentPrediction([new IntentScore("payout_schedule", 0.3), new IntentScore("payout_missing", 0.25), new IntentScore("tax_forms", 0.1)]));
    }

    private static readonly TriageRuleSet Rules = new()
    {
        Intents = new Dictionary<string, string> { ["payout_missing"] = "payouts", ["payout_schedule"] = "payouts", ["tax_forms"] = "taxes" },
        DefaultQueue = "general",
        HumanReviewQueue = "triage-review",
    };

    private async Task<(IntentPrediction Prediction, IIntentClassifier Classifier)> PredictAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = LlmTestHost.Settings(_server);
        settings["SupportAssist:Llm:Resilience:MaxRetries"] = "0";
        // Generous: these tests are about the replies, not timeouts, and a loaded CI machine once took over 5 s.
        settings["SupportAssist:Llm:Resilience:AttemptTimeoutSeconds"] = "60";
        settings["SupportAssist:Llm:Resilience:TotalTimeoutSeconds"] = "120";
        settings["SupportAssist:Llm:Resilience:CircuitSamplingSeconds"] = "120";
        configure?.Invoke(settings);
        await using var host = await LlmTestHost.StartAsync(settings);
        var prompts = host.Services.GetRequiredService<IReadOnlyDictionary<string, PromptDefinition>>();
        var classifier = new LlmIntentClassifier(host.Services.GetRequiredService<LanguageModel>(), prompts["triage-intent"], new Trained(), Rules,
            host.Services.GetRequiredService<IOptions<LlmOptions>>().Value);
        return (await classifier.PredictAsync("Payout never arrived\nOur Friday payout is not in the bank.", CancellationToken.None), classifier);
    }

    [Fact]
    public async Task The_model_chooses_from_the_configured_intents_and_the_trained_ones_follow_as_alternatives()
    {
        _server.Enqueue(FakeReply.Chat("payout_missing"));

        var (prediction, classifier) = await PredictAsync();

        Assert.Equal(new IntentScore("payout_missing", 1), prediction.Top);
        Assert.Equal("triage-intent@1", prediction.Prompt);
        Assert.NotNull(prediction.Usage);
        Assert.Equal(["payout_missing", "payout_schedule", "tax_forms"], prediction.Ranked.Select(s => s.Intent));
        Assert.StartsWith("llm:openai-compatible:fake-model/triage-intent@1 (fallback mlnet/test)", classifier.Name, StringComparison.Ordinal);
        using var body = _server.Requests.Single().Json();
        var messages = body.RootElement.GetProperty("messages");
        Assert.Contains("payout_missing (payouts)\npayout_schedule (payouts)\ntax_forms (taxes)", messages[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<ticket>\nPayout never arrived", messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_from_the_model_falls_under_the_threshold()
    {
        _server.Enqueue(FakeReply.Chat("unknown"));

        var (prediction, classifier) = await PredictAsync();

        Assert.True(prediction.Top.Score < classifier.OutOfScopeThreshold);
    }

    [Theory]
    [InlineData("I think this is about payouts", "outside the intent list")]
    [InlineData(null, "could not classify (HTTP 500)")]
    public async Task A_failing_or_off_list_model_gives_the_trained_classifiers_prediction_with_a_note(string? reply, string note)
    {
        _server.Enqueue(reply is null ? FakeReply.Status(500) : FakeReply.Chat(reply));

        var (prediction, classifier) = await PredictAsync();

        Assert.Equal(new IntentScore("payout_schedule", 0.3), prediction.Top);
        Assert.Equal(0.2, prediction.Threshold);
        Assert.NotEqual(classifier.OutOfScopeThreshold, prediction.Threshold);
        Assert.Contains(note, prediction.Note, StringComparison.Ordinal);
    }
}
