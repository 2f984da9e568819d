using Grpc.Core;

namespace SupportAssist.Api.Tests;

/// <summary>
/// The real host with <c>VectorStore:Provider = qdrant</c> against our loopback stand-in of Qdrant's gRPC API
/// (generated from Qdrant's own protocol definitions), healthy and failing.
/// </summary>
public sealed class QdrantProviderTests : IAsyncLifetime
{
    private const string ApiKey = "api-tests-key";
    private FakeQdrantServer _qdrant = null!;

    public async Task InitializeAsync()
    {
        if (FakeQdrantServer.Available) _qdrant = await FakeQdrantServer.StartAsync(ApiKey);
    }

    public async Task DisposeAsync()
    {
        if (!FakeQdrantServer.Available) return;
        // A call the stand-in refused as unsupported would mean the store sent something it does not model.
        Assert.DoesNotContain(_qdrant.Requests, r => r.Status == StatusCode.Unimplemented);
        await _qdrant.DisposeAsync();
    }

    private SupportAssistFactory Host(bool localFallback = false) => new(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
    {
        ["SupportAssist:VectorStore:Provider"] = "qdrant",
        ["SupportAssist:VectorStore:Qdrant:Endpoint"] = _qdrant.Root.ToString(),
        ["SupportAssist:VectorStore:Qdrant:ApiKey"] = ApiKey,
        ["SupportAssist:VectorStore:Qdrant:LocalFallback"] = localFallback ? "true" : "false",
        ["SupportAssist:VectorStore:Qdrant:Resilience:MaxRetries"] = "0",
        ["SupportAssist:Embeddings:Provider"] = "lexical",
    });

    private void FailEverything() => _qdrant.Fault = _ => new QdrantFault(StatusCode.Unavailable, "Service unavailable: simulated outage");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [QdrantStandInFact]
    public async Task The_sample_help_center_is_indexed_into_qdrant_and_searched_there()
    {
        using var factory = Host();
        using var client = factory.CreateClient();

        var ready = await JsonAsync(await client.GetAsync("/health/ready"));
        var search = await JsonAsync(await client.GetAsync("/v1/search?q=how%20do%20I%20change%20my%20payout%20schedule"));

        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("knowledge-store").GetProperty("status").GetString());
        Assert.False(search.GetProperty("degraded").GetBoolean());
        Assert.NotEmpty(search.GetProperty("results").EnumerateArray());
        Assert.Contains(_qdrant.Requests, r => r.Method == "Points/Query");
        Assert.Single(_qdrant.Aliases);
    }

    [QdrantStandInFact]
    public async Task When_qdrant_fails_requests_get_a_503_problem_and_readiness_says_why()
    {
        using var factory = Host();
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");
        FailEverything();

        var ready = await client.GetAsync("/health/ready");
        var search = await client.GetAsync("/v1/search?q=refund");
        var deflection = await client.PostAsJsonAsync("/v1/deflections", new { question = "How long does a refund take?" });
        using var streamed = new HttpRequestMessage(HttpMethod.Post, "/v1/deflections") { Content = JsonContent.Create(new { question = "How long does a refund take?" }) };
        streamed.Headers.Accept.ParseAdd("text/event-stream");
        var stream = await client.SendAsync(streamed);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var readiness = await ready.Content.ReadAsStringAsync();
        Assert.Contains("Qdrant cannot be reached", readiness, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated outage", readiness, StringComparison.Ordinal);
        foreach (var response in new[] { search, deflection, stream })
        {
            // The client gets our words, never the index's own text (it stays in the log).
            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The search index cannot be reached. Try again shortly.", problem.GetProperty("detail").GetString());
            Assert.DoesNotContain("simulated outage", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [QdrantStandInFact]
    public async Task The_service_starts_while_qdrant_is_down_and_readiness_reports_it()
    {
        FailEverything();
        using var factory = Host();
        using var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        // Readiness says what is wrong in our words; Qdrant's own text stays in the log.
        var readiness = await ready.Content.ReadAsStringAsync();
        Assert.Contains("Qdrant cannot be reached", readiness, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated outage", readiness, StringComparison.Ordinal);
    }

    [QdrantStandInFact]
    public async Task An_article_write_that_qdrant_refuses_is_a_503_and_writes_nothing()
    {
        using var factory = Host();
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");
        var article = new { title = "Payout holds", locale = "en", audience = "public", body = "## Holds\n\nA payout hold lasts up to seven days." };
        // Reads answer; the first write (the chunks' upsert) fails, as when Qdrant goes away mid-request.
        _qdrant.Fault = r => r.Method == "Points/Upsert" ? new QdrantFault(StatusCode.Unavailable, "Service unavailable: simulated outage") : null;

        var put = await client.PutAsJsonAsync("/v1/articles/payouts-holds", article);
        _qdrant.Fault = null;
        var read = await client.GetAsync("/v1/articles/payouts-holds");
        var search = await JsonAsync(await client.GetAsync("/v1/search?q=payout%20hold%20seven%20days&audience=agent"));

        await put.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain(search.GetProperty("results").EnumerateArray(), r => r.GetProperty("articleId").GetString() == "payouts-holds");
    }

    [QdrantStandInFact]
    public async Task With_a_local_copy_search_and_deflection_answer_degraded_from_bm25()
    {
        using var factory = Host(localFallback: true);
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");
        FailEverything();

        var ready = await JsonAsync(await client.GetAsync("/health/ready"));
        var search = await JsonAsync(await client.GetAsync("/v1/search?q=how%20do%20I%20change%20my%20payout%20schedule"));
        var deflection = await JsonAsync(await client.PostAsJsonAsync("/v1/deflections", new { question = "How do I change my payout schedule?" }));

        Assert.Equal("Degraded", ready.GetProperty("checks").GetProperty("knowledge-store").GetProperty("status").GetString());
        Assert.True(search.GetProperty("degraded").GetBoolean());
        Assert.Contains("unavailable", search.GetProperty("degradedReason").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(search.GetProperty("results").EnumerateArray());
        Assert.True(deflection.GetProperty("degraded").GetBoolean());
        Assert.NotEmpty(deflection.GetProperty("suggestedArticles").EnumerateArray());
    }
}
