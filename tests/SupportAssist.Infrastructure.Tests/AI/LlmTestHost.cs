using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SupportAssist.Answering;
using SupportAssist.Drafting;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>
/// A host with the real language-model registration (Semantic Kernel, SDK clients, resilience handler) pointed at
/// a fake OpenAI-compatible server on loopback. Started, so options validation runs as it does in the service.
/// </summary>
internal sealed class LlmTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly FakeTimeProvider? _clock;

    private LlmTestHost(IHost host, FakeTimeProvider? clock)
    {
        _host = host;
        _clock = clock;
    }

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

    /// <param name="clock">The clock the model's timeouts and retries run on (the system clock when none is given).</param>
    public static async Task<LlmTestHost> StartAsync(IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.AddLanguageModels();
        var host = builder.Build();
        await host.StartAsync();
        return new LlmTestHost(host, clock as FakeTimeProvider);
    }

    public async ValueTask DisposeAsync()
    {
        var stopping = Task.Run(StopAsync);
        // Disposing the resilience pipeline waits, on its clock, for calls still in flight (left by a test that
        // failed before its call ended): on a fake clock, time is moved on until it gives up, or it would never end.
        while (_clock is not null && !stopping.IsCompleted)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromMilliseconds(10)));
        }
        await stopping;
    }

    private async Task StopAsync()
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
