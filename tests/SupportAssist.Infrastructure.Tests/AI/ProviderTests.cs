using SupportAssist.Answering;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>Provider wiring: the Azure OpenAI path offline, provider embeddings, and what start-up refuses.</summary>
public sealed class ProviderTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_Azure_OpenAI_path_calls_the_deployment_with_the_api_key_header()
    {
        _server.Enqueue(FakeReply.Chat("Refunds take 5 to 10 business days [1]."));
        var settings = LlmTestHost.Settings(_server, "azure-openai");
        settings["SupportAssist:Llm:Model"] = "support-gpt";
        await using var host = await LlmTestHost.StartAsync(settings);

        var answer = await host.Answers.ComposeAsync(LlmTestHost.RefundQuestion(), CancellationToken.None);

        Assert.Equal(AnswerMode.Generated, answer.Mode);
        Assert.StartsWith("azure-openai:", answer.Composer, StringComparison.Ordinal);
        var request = _server.Requests.Single();
        Assert.Equal("/openai/deployments/support-gpt/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal("test-key-not-a-secret", request.Headers["api-key"]);
    }

    [Fact]
    public async Task The_openai_path_sends_the_key_as_a_bearer_token()
    {
        var settings = LlmTestHost.Settings(_server, "openai");
        await using var host = await LlmTestHost.StartAsync(settings);

        await host.Answers.ComposeAsync(LlmTestHost.RefundQuestion(), CancellationToken.None);

        Assert.Equal("Bearer test-key-not-a-secret", _server.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task Provider_embeddings_come_through_the_resilient_client_one_vector_per_text()
    {
        _server.Default = FakeReply.Embeddings(16);
        var options = new EmbeddingsOptions { Provider = "openai-compatible", Endpoint = _server.OpenAiBaseUrl.ToString(), Model = "fake-embedder" };
        using var http = new HttpClient();

        var embedder = EmbeddingGeneratorFactory.Create(options, () => throw new InvalidOperationException("not chosen"), () => http);
        var vectors = await embedder.GenerateAsync(["refund timing", "payout schedule"]);

        Assert.Equal(2, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(16, v.Vector.Length));
        Assert.NotEqual(vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray());
        Assert.EndsWith("embeddings", _server.Requests.Single().Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_sent_to_a_provider_carries_no_local_input_type_marker()
    {
        _server.Default = FakeReply.Embeddings(16);
        var options = new EmbeddingsOptions { Provider = "openai-compatible", Endpoint = _server.OpenAiBaseUrl.ToString(), Model = "fake-embedder" };
        using var http = new HttpClient();
        var embedder = EmbeddingGeneratorFactory.Create(options, () => throw new InvalidOperationException("not chosen"), () => http);

        var vector = await embedder.GenerateQueryAsync("refund timing", CancellationToken.None);

        Assert.Equal(16, vector.Vector.Length);
        Assert.DoesNotContain("input_type", _server.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azure-openai", "Endpoint", "", "SupportAssist:Llm:Endpoint is required for provider 'azure-openai'")]
    [InlineData("openai", "ApiKey", "", "SupportAssist:Llm:ApiKey is required for provider 'openai'")]
    [InlineData("openai-compatible", "Model", "", "SupportAssist:Llm:Model is required")]
    [InlineData("openai-compatible", "Endpoint", "localhost:11434", "SupportAssist:Llm:Endpoint must be an absolute http(s) URL")]
    [InlineData("openai-compatible", "Resilience:TotalTimeoutSeconds", "1", "TotalTimeoutSeconds (1) must not be below AttemptTimeoutSeconds (5)")]
    [InlineData("openai-compatible", "PromptsFolder", "/nonexistent/prompts", "SupportAssist:Llm:PromptsFolder: prompts folder '/nonexistent/prompts' does not exist")]
    [InlineData("ollama", "Model", "x", "SupportAssist:Llm:Provider must be 'extractive', 'azure-openai', 'openai' or 'openai-compatible'")]
    public async Task Start_up_refuses_an_incomplete_provider_configuration_naming_the_setting(string provider, string key, string value, string message)
    {
        var settings = LlmTestHost.Settings(_server, provider);
        settings[$"SupportAssist:Llm:{key}"] = value;

        // Start-up validation may surface through the resilience pipeline reading the same options (AggregateException).
        var error = await Assert.ThrowsAnyAsync<Exception>(() => LlmTestHost.StartAsync(settings));

        var validation = error as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(((AggregateException)error).InnerExceptions[0]);
        Assert.Contains(message, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_extractive_default_needs_no_endpoint_key_model_or_prompts()
    {
        await using var host = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["SupportAssist:Llm:PromptsFolder"] = "/nonexistent" });

        var answer = await host.Answers.ComposeAsync(LlmTestHost.RefundQuestion(), CancellationToken.None);

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.Equal(ComposedAnswer.ExtractiveComposer, answer.Composer);
        Assert.Empty(_server.Requests);
    }
}
