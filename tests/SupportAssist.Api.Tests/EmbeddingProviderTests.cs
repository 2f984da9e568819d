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

    private static readonly string[] Tags = ["payouts"];

    [Fact]
    public async Task An_article_write_while_the_provider_is_down_is_a_503_problem_and_nothing_is_written()
    {
        var client = _factory.CreateClient();
        _server.Default = FakeReply.Status(503, message: "upstream says: internal cluster ec2-10-0-0-1 overloaded");

        var response = await client.PutAsJsonAsync("/v1/articles/payouts-while-down", new
        {
            title = "Payout schedule",
            url = "https://help.example/payouts-while-down",
            locale = "en",
            audience = "public",
            productArea = "payouts",
            tags = Tags,
            updated = "2026-05-01",
            body = "## When payouts arrive\n\nPayouts arrive every two business days.",
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The embedding provider is unavailable.", problem.GetProperty("title").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("ec2-10-0-0-1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/articles/payouts-while-down")).StatusCode);
    }
}
