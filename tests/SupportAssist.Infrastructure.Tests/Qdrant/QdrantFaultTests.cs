using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.Indexing;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>The client as the host registers it (one resilience pipeline) against a Qdrant that fails in the ways real ones do.</summary>
public sealed class QdrantFaultTests : IAsyncLifetime
{
    private const string ApiKey = "fault-key";
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeQdrantServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync(ApiKey);
        _services = Services(_server.Root, ApiKey);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    // Short timeouts by default (the timeout tests need them); the tests about answers, not time, pass generous
    // ones, so a loaded machine's first request is not mistaken for an unreachable server.
    private static ServiceProvider Services(Uri root, string? apiKey, string attemptSeconds = "0.5", string totalSeconds = "2")
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SupportAssist:VectorStore:Provider"] = "qdrant",
            ["SupportAssist:VectorStore:Qdrant:Endpoint"] = root.ToString(),
            ["SupportAssist:VectorStore:Qdrant:ApiKey"] = apiKey,
            ["SupportAssist:VectorStore:Qdrant:Resilience:AttemptTimeoutSeconds"] = attemptSeconds,
            ["SupportAssist:VectorStore:Qdrant:Resilience:TotalTimeoutSeconds"] = totalSeconds,
            ["SupportAssist:VectorStore:Qdrant:Resilience:RetryBaseDelaySeconds"] = "0.05",
            ["SupportAssist:VectorStore:Qdrant:Resilience:CircuitSamplingSeconds"] = "30",
            ["SupportAssist:VectorStore:Qdrant:Resilience:CircuitMinimumThroughput"] = "100",
        });
        builder.Services.AddLogging();
        builder.AddKnowledgeBase();
        return (ServiceProvider)builder.Build().Services;
    }

    private QdrantClient Client => _services.GetRequiredService<QdrantClient>();

    [Fact]
    public async Task A_503_is_retried_and_the_call_succeeds()
    {
        var calls = 0;
        _server.Fault = _ => Interlocked.Increment(ref calls) == 1 ? new QdrantFault(503, "overloaded") : null;

        await Client.ReadyAsync(_ct);

        Assert.Equal([503, 200], _server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Qdrant_s_error_message_and_status_reach_the_exception_and_a_400_is_not_retried()
    {
        await Client.CreateCollectionAsync("kb-1", new CreateCollectionRequest(
            new Dictionary<string, DenseVectorParams> { ["dense"] = new(4, "Cosine") }, new Dictionary<string, SparseVectorParams>(), 1, 1, 1, true, null, new Dictionary<string, string>()), _ct);

        var error = await Assert.ThrowsAsync<QdrantException>(() =>
            Client.QueryAsync("kb-1", new QueryRequest(new QueryInput(Dense: [1, 2, 3]), "dense"), _ct));

        Assert.Equal(400, error.Status);
        Assert.Contains("dimension", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(_server.Requests, r => r.PathAndQuery.Contains("/points/query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_api_key_is_a_clear_401()
    {
        await using var wrongKey = Services(_server.Root, "not-the-key", attemptSeconds: "10", totalSeconds: "20");

        var error = await Assert.ThrowsAsync<QdrantException>(() => wrongKey.GetRequiredService<QdrantClient>().ListCollectionsAsync(_ct));

        Assert.Equal(401, error.Status);
        Assert.Contains("answered 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_index_unavailable_error_without_a_status()
    {
        await _server.DisposeAsync();

        var error = await Assert.ThrowsAsync<QdrantException>(() => Client.ReadyAsync(_ct));

        Assert.Null(error.Status);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IndexUnavailableException>(error);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeouts_is_reported_as_timed_out()
    {
        _server.Fault = _ => new QdrantFault(200, Delay: TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<QdrantException>(() => Client.ReadyAsync(_ct));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_local_copy_search_answers_from_bm25_when_qdrant_is_down()
    {
        using var local = new TestKnowledgeBase();
        await using var kb = new QdrantTestKnowledgeBase(_server.Root, ApiKey);
        using var store = new QdrantKnowledgeStore(kb.Client, kb.Collections, Options.Create(new VectorStoreOptions { Qdrant = new QdrantOptions { Collection = kb.Collections.Alias } }),
            Options.Create(new RetrievalOptions()), TimeProvider.System, local.Store);
        var ingestor = new KnowledgeBaseIngestor(store, kb.Embedder, Options.Create(new KnowledgeBaseOptions()), NullLogger<KnowledgeBaseIngestor>.Instance);
        await ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten business days."), _ct);
        var withFallback = new HybridRetriever(kb.Embedder, new SearchIndexes(kb.Search, kb.Search) { Fused = kb.Search, LocalKeywords = local.KeywordIndex },
            Options.Create(new RetrievalOptions()), NullLogger<HybridRetriever>.Instance);
        var query = new RetrievalQuery("refund business days", new RetrievalFilter(Audience.Public), 3);
        await _server.DisposeAsync();

        var result = await withFallback.RetrieveAsync(query, _ct);

        Assert.True(result.Degraded);
        Assert.Contains("unavailable", result.DegradedReason, StringComparison.Ordinal);
        Assert.Equal("refunds-timing", Assert.Single(result.Articles).ArticleId);
        await Assert.ThrowsAsync<QdrantException>(() => kb.Retriever.RetrieveAsync(query, _ct));
    }
}
