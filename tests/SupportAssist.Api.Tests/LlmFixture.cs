namespace SupportAssist.Api.Tests;

/// <summary>
/// The real host over the sample help center with an OpenAI-compatible model configured: our fake server on
/// loopback, driven through Semantic Kernel, the SDK and the resilience handler exactly as in production.
/// Retries are off and the circuit effectively never opens, so each test sees its own replies.
/// </summary>
public sealed class LlmFixture : IAsyncLifetime
{
    public FakeOpenAiServer Server { get; private set; } = null!;

    public SupportAssistFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeOpenAiServer.StartAsync();
        Factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Llm:Provider"] = "openai-compatible",
            ["SupportAssist:Llm:Endpoint"] = Server.OpenAiBaseUrl.ToString(),
            ["SupportAssist:Llm:Model"] = "fake-model",
            ["SupportAssist:Llm:PromptsFolder"] = Path.Combine(SupportAssistFactory.RepositoryRoot, "prompts"),
            ["SupportAssist:Llm:InputPricePerMillionTokens"] = "0.15",
            ["SupportAssist:Llm:OutputPricePerMillionTokens"] = "0.6",
            ["SupportAssist:Llm:Resilience:MaxRetries"] = "0",
            ["SupportAssist:Llm:Resilience:AttemptTimeoutSeconds"] = "5",
            ["SupportAssist:Llm:Resilience:TotalTimeoutSeconds"] = "10",
            ["SupportAssist:Llm:Resilience:CircuitMinimumThroughput"] = "10000",
        }, services: SignallingOutcomeLog.Decorate);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>The chat requests the model received after <paramref name="before"/> requests.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequestsSince(int before) =>
        Server.Requests.Skip(before).Where(r => r.Path.EndsWith("chat/completions", StringComparison.Ordinal)).ToList();
}
