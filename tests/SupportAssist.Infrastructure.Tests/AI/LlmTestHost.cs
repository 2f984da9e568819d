using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportAssist.Answering;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>
/// A host with the real language-model registration (Semantic Kernel, SDK clients, resilience handler) pointed at
/// a fake OpenAI-compatible server on loopback. Started, so options validation runs as it does in the service.
/// </summary>
internal sealed class LlmTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private LlmTestHost(IHost host) => _host = host;

    public IAnswerComposer Answers => _host.Services.GetRequiredService<IAnswerComposer>();

    public IDraftComposer Drafts => _host.Services.GetRequiredService<IDraftComposer>();

    public IServiceProvider Services => _host.Services;

    public static Dictionary<string, string?> Settings(FakeOpenAiServer server, string provider = "openai-compatible") => new()
    {
        ["SupportAssist:Llm:Provider"] = provider,
        ["SupportAssist:Llm:Endpoint"] = provider == "azure-openai" ? server.Root.ToString() : server.OpenAiBaseUrl.ToString(),
        ["SupportAssist:Llm:ApiKey"] = "test-key-not-a-secret",
        ["SupportAssist:Llm:Model"] = "fake-model",
        ["SupportAssist:Llm:PromptsFolder"] = Path.Combine(TestPaths.RepositoryRoot, "prompts"),
        ["SupportAssist:Llm:InputPricePerMillionTokens"] = "0.5",
        ["SupportAssist:Llm:OutputPricePerMillionTokens"] = "1.5",
        ["SupportAssist:Llm:Resilience:AttemptTimeoutSeconds"] = "5",
        ["SupportAssist:Llm:Resilience:TotalTimeoutSeconds"] = "10",
        ["SupportAssist:Llm:Resilience:MaxRetries"] = "2",
        ["SupportAssist:Llm:Resilience:RetryBaseDelaySeconds"] = "0.05",
        ["SupportAssist:Llm:Resilience:CircuitSamplingSeconds"] = "30",
        ["SupportAssist:Llm:Resilience:CircuitMinimumThroughput"] = "100",
    };

    public static async Task<LlmTestHost> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLanguageModels();
        var host = builder.Build();
        await host.StartAsync();
        return new LlmTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public static Passage Passage(int number, string articleId, string title, string text, ArticleAudience audience = ArticleAudience.Public) =>
        new(number, new Chunk($"{articleId}-{number.ToString(CultureInfo.InvariantCulture)}", articleId, 0, title, $"https://help.example/{articleId}",
            title, text, "hash", audience, "en", "refunds"));

    public static AnswerRequest RefundQuestion() => new("How long does a refund take to reach the customer?",
    [
        Passage(1, "refunds-timing", "Refund timing", "Refunds reach the customer's card in 5 to 10 business days. The fee is not returned."),
        Passage(2, "refunds-issue", "Issue a refund", "1. Open the payment.\n2. Select Refund.\n3. Confirm the amount."),
    ]);
}
