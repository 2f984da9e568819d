using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAssist.Testing;

namespace SupportAssist.Api.Tests;

/// <summary>Embeddings from a provider (our fake OpenAI-compatible server): indexing through it, and BM25 when it goes down.</summary>
public sealed class EmbeddingProviderTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private SupportAssistFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Default = FakeReply.Embeddings(64);
        _factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Embeddings:Provider"] = "openai-compatible",
            ["SupportAssist:Embeddings:Endpoint"] = _server.OpenAiBaseUrl.ToString(),
            ["SupportAssist:Embeddings:Model"] = "fake-embedder",
            ["SupportAssist:Embeddings:Resilience:MaxRetries"] = "0",
        });
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_index_is_built_with_provider_embeddings_and_a_provider_outage_degrades_deflection_to_BM25()
    {
        Assert.True(_server.CountOf("embeddings") > 0, "the sample help center was embedded by the provider");
        var client = _factory.CreateClient();
        var healthy = await client.PostAsJsonAsync("/v1/deflections", new { question = "how do I refund a payment from the dashboard" });
        Assert.False((await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("degraded").GetBoolean());

        _server.Default = FakeReply.Status(503);
        var response = await client.PostAsJsonAsync("/v1/deflections", new { question = "how do I refund a payment from the dashboard" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("degraded").GetBoolean());
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("embedding provider unavailable; results come from BM25 only", StringComparison.Ordinal));
        Assert.Contains(body.GetProperty("suggestedArticles").EnumerateArray(), a => a.GetProperty("articleId").GetString() == "refunds-issue-a-refund");
        // The answer policy reads dense evidence: without the question's embedding it suggests rather than guesses.
        Assert.Equal("suggest_articles", body.GetProperty("decision").GetString());
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("embedding, which is unavailable", StringComparison.Ordinal));
    }
}
