using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.AI;
using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>
/// The official client as the host registers it (a gRPC channel over the HttpClient with our one resilience pipeline)
/// against a Qdrant that fails in the ways real ones do. Timeouts run on the test's clock, never the wall clock.
/// </summary>
public sealed class QdrantFaultTests : IAsyncLifetime
{
    private const string ApiKey = "fault-key";

    // No real wait reaches the timeouts within this bound: only the test's clock brings them about.
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly RecordingTimeProvider _clock = new();
    private FakeQdrantServer? _server;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        if (!FakeQdrantServer.Available) return;
        _server = await FakeQdrantServer.StartAsync(ApiKey);
        _services = Services(_server.Root, ApiKey);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    private FakeQdrantServer Server => _server!;

    private QdrantGateway Client => _services!.GetRequiredService<QdrantGateway>();

    private ServiceProvider Services(Uri root, string? apiKey, string maxRetries = "2")
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SupportAssist:VectorStore:Provider"] = "qdrant",
            ["SupportAssist:VectorStore:Qdrant:Endpoint"] = root.ToString(),
            ["SupportAssist:VectorStore:Qdrant:ApiKey"] = apiKey,
            ["SupportAssist:VectorStore:Qdrant:Resilience:MaxRetries"] = maxRetries,
            ["SupportAssist:VectorStore:Qdrant:Resilience:RetryBaseDelaySeconds"] = "0.05",
            ["SupportAssist:VectorStore:Qdrant:Resilience:CircuitSamplingSeconds"] = "30",
            ["SupportAssist:VectorStore:Qdrant:Resilience:CircuitMinimumThroughput"] = "100",
        });
        builder.Services.AddLogging();
        builder.AddKnowledgeBase();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        return (ServiceProvider)builder.Build().Services;
    }

    [QdrantStandInFact]
    public async Task An_unavailable_answer_is_retried_and_the_call_succeeds()
    {
        var calls = 0;
        Server.Fault = _ => Interlocked.Increment(ref calls) == 1 ? new QdrantFault(StatusCode.Unavailable, "overloaded") : null;

        var ready = Client.ReadyAsync(_ct);
        // The retry waits its backoff on the test's clock.
        var backoff = await _clock.WhenTimerStarted(due => due > TimeSpan.Zero && due < TimeSpan.FromSeconds(1)).WaitAsync(NoHang);
        _clock.Advance(backoff);
        await ready.WaitAsync(NoHang);

        Assert.Equal([StatusCode.Unavailable, StatusCode.OK], Server.Requests.Select(r => r.Status));
    }

    [QdrantStandInFact]
    public async Task Qdrant_s_error_message_and_status_reach_the_exception_and_an_invalid_argument_is_not_retried()
    {
        var request = new CreateCollection { CollectionName = "kb-1", VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() } };
        request.VectorsConfig.ParamsMap.Map["dense"] = new VectorParams { Size = 4, Distance = Distance.Cosine };
        await Client.CreateCollectionAsync(request, _ct);
        var query = new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { 1f, 2f, 3f } } } };

        var error = await Assert.ThrowsAsync<QdrantException>(() => Client.QueryAsync("kb-1", query, "dense", new Filter(), 3, _ct));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Contains("dimension", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(error.Transient);
        Assert.Single(Server.Requests, r => r.Method == "Points/Query");
    }

    [QdrantStandInFact]
    public async Task A_wrong_api_key_is_a_clear_unauthenticated_error()
    {
        await using var wrongKey = Services(Server.Root, "not-the-key");

        var error = await Assert.ThrowsAsync<QdrantException>(() => wrongKey.GetRequiredService<QdrantGateway>().ListCollectionsAsync(_ct));

        Assert.Equal(StatusCode.Unauthenticated, error.Status);
        Assert.Contains("answered Unauthenticated: Invalid API key", error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
    }

    [QdrantStandInFact]
    public async Task An_unreachable_server_is_an_index_unavailable_error_without_a_status()
    {
        await using var unreachable = Services(Server.Root, ApiKey, maxRetries: "0");
        await Server.DisposeAsync();

        var error = await Assert.ThrowsAsync<QdrantException>(() => unreachable.GetRequiredService<QdrantGateway>().ReadyAsync(_ct));

        Assert.Null(error.Status);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.True(error.Transient);
        Assert.IsAssignableFrom<IndexUnavailableException>(error);
    }

    [QdrantStandInFact]
    public async Task A_server_slower_than_the_attempt_timeout_is_reported_as_timed_out()
    {
        await using var once = Services(Server.Root, ApiKey, maxRetries: "0");
        var attempt = new QdrantOptions().Resilience.AttemptTimeoutSeconds;
        // The call is held until the server stops: only the attempt timeout on the test's clock ends it.
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Fault = _ =>
        {
            received.TrySetResult();
            return new QdrantFault(StatusCode.OK, Delay: TimeSpan.FromDays(1));
        };

        var ready = once.GetRequiredService<QdrantGateway>().ReadyAsync(_ct);
        await received.Task.WaitAsync(NoHang);
        _clock.Advance(TimeSpan.FromSeconds(attempt) - TimeSpan.FromMilliseconds(1));
        Assert.False(ready.IsCompleted, "the call ended before its attempt timeout");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var error = await Assert.ThrowsAsync<QdrantException>(() => ready.WaitAsync(NoHang));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Status);
    }

    [QdrantStandInFact]
    public async Task With_a_local_copy_search_answers_from_bm25_when_qdrant_is_down()
    {
        using var local = new TestKnowledgeBase();
        await using var kb = new QdrantTestKnowledgeBase(Server.Root, ApiKey);
        using var store = new QdrantKnowledgeStore(kb.Client, kb.Collections, Options.Create(new VectorStoreOptions { Qdrant = new QdrantOptions { Collection = kb.Collections.Alias } }),
            Options.Create(new RetrievalOptions()), TimeProvider.System, local.Store);
        var ingestor = new KnowledgeBaseIngestor(store, kb.Embedder, Options.Create(new KnowledgeBaseOptions()), NullLogger<KnowledgeBaseIngestor>.Instance);
        await ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten business days."), _ct);
        var withFallback = new HybridRetriever(kb.Embedder, new SearchIndexes(kb.Search, kb.Search) { Fused = kb.Search, LocalKeywords = local.KeywordIndex },
            Options.Create(new RetrievalOptions()), NullLogger<HybridRetriever>.Instance);
        var query = new RetrievalQuery("refund business days", new RetrievalFilter(Audience.Public), 3);
        await Server.DisposeAsync();

        var result = await withFallback.RetrieveAsync(query, _ct);

        Assert.True(result.Degraded);
        Assert.Contains("unavailable", result.DegradedReason, StringComparison.Ordinal);
        Assert.Equal("refunds-timing", Assert.Single(result.Articles).ArticleId);
        await Assert.ThrowsAsync<QdrantException>(() => kb.Retriever.RetrieveAsync(query, _ct));
    }
}
