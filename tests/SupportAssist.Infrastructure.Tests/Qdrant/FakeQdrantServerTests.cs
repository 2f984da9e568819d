using Grpc.Core;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Qdrant;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>The gRPC stand-in itself, through the official client: the behaviours the store's tests rely on.</summary>
public sealed class FakeQdrantServerTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    private static CreateCollection Collection(string name, ulong size = 2)
    {
        var request = new CreateCollection { CollectionName = name, VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() } };
        request.VectorsConfig.ParamsMap.Map["dense"] = new VectorParams { Size = size, Distance = Distance.Cosine };
        return request;
    }

    private static PointStruct Point(ulong id, float x, float y, string kind)
    {
        var vectors = new NamedVectors();
        vectors.Vectors["dense"] = new Vector { Dense = new DenseVector { Data = { x, y } } };
        var point = new PointStruct { Id = new PointId { Num = id }, Vectors = new Vectors { Vectors_ = vectors } };
        point.Payload["kind"] = new Value { StringValue = kind };
        return point;
    }

    [QdrantStandInFact]
    public async Task A_missing_or_wrong_api_key_is_refused_as_unauthenticated_but_the_health_check_passes()
    {
        await using var server = await FakeQdrantServer.StartAsync("the-key");
        using var keyless = QdrantTestKnowledgeBase.Connect(server.Root);
        using var wrong = QdrantTestKnowledgeBase.Connect(server.Root, "not-the-key");
        using var right = QdrantTestKnowledgeBase.Connect(server.Root, "the-key");

        var missing = await Assert.ThrowsAsync<RpcException>(() => keyless.ListCollectionsAsync(_ct));
        var refused = await Assert.ThrowsAsync<RpcException>(() => wrong.ListCollectionsAsync(_ct));
        var health = await keyless.HealthAsync(_ct);

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("Must provide an API key", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("1.19.0", health.Version);
        Assert.Empty(await right.ListCollectionsAsync(_ct));
    }

    [QdrantStandInFact]
    public async Task Alias_swap_is_atomic_and_point_calls_resolve_aliases()
    {
        await using var server = await FakeQdrantServer.StartAsync();
        using var client = QdrantTestKnowledgeBase.Connect(server.Root);
        await client.CreateCollectionAsync(Collection("kb-1"), _ct);
        await client.CreateCollectionAsync(Collection("kb-2"), _ct);
        await client.UpsertAsync("kb-2", [Point(1, 1, 0, "chunk")], cancellationToken: _ct);
        await client.CreateAliasAsync("kb", "kb-1", cancellationToken: _ct);

        await client.UpdateAliasesAsync(
            [new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = "kb" } }, new AliasOperations { CreateAlias = new CreateAlias { AliasName = "kb", CollectionName = "kb-2" } }],
            cancellationToken: _ct);

        Assert.Equal("kb-2", server.Aliases["kb"]);
        Assert.Equal(1UL, await client.CountAsync("kb", exact: true, cancellationToken: _ct));
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.CountAsync("nothing", exact: true, cancellationToken: _ct));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [QdrantStandInFact]
    public async Task Scroll_pages_cover_every_point_exactly_once_in_id_order_within_the_filter()
    {
        await using var server = await FakeQdrantServer.StartAsync();
        using var client = QdrantTestKnowledgeBase.Connect(server.Root);
        await client.CreateCollectionAsync(Collection("kb"), _ct);
        await client.UpsertAsync("kb", [.. Enumerable.Range(1, 7).Select(i => Point((ulong)(8 - i), 1, i, i % 3 == 0 ? "article" : "chunk"))], cancellationToken: _ct);
        var filter = new Filter { Must = { Conditions.MatchKeyword("kind", "chunk") } };

        var seen = new List<ulong>();
        PointId? offset = null;
        do
        {
            var page = await client.ScrollAsync("kb", filter, limit: 2, offset: offset, cancellationToken: _ct);
            seen.AddRange(page.Result.Select(p => p.Id.Num));
            offset = page.NextPageOffset;
        }
        while (offset is not null);

        Assert.Equal([1UL, 3, 4, 6, 7], seen);
    }

    [QdrantStandInFact]
    public async Task A_query_ranks_by_cosine_within_the_filter_and_a_wrong_dimension_is_an_invalid_argument()
    {
        await using var server = await FakeQdrantServer.StartAsync();
        using var client = QdrantTestKnowledgeBase.Connect(server.Root);
        await client.CreateCollectionAsync(Collection("kb"), _ct);
        await client.UpsertAsync("kb", [Point(1, 1, 0, "chunk"), Point(2, 0.9f, 0.1f, "article"), Point(3, 0, 1, "chunk")], cancellationToken: _ct);

        var hits = await client.QueryAsync("kb", new float[] { 1, 0 }, usingVector: "dense", filter: new Filter { Must = { Conditions.MatchKeyword("kind", "chunk") } }, cancellationToken: _ct);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync("kb", new float[] { 1, 0, 0 }, usingVector: "dense", cancellationToken: _ct));

        Assert.Equal([1UL, 3], hits.Select(h => h.Id.Num));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Vector dimension error: expected dim: 2, got 3", error.Status.Detail, StringComparison.Ordinal);
    }

    [QdrantStandInFact]
    public async Task An_injected_fault_answers_its_status_and_is_recorded_and_a_stopped_server_is_unreachable()
    {
        var server = await FakeQdrantServer.StartAsync();
        using var client = QdrantTestKnowledgeBase.Connect(server.Root);
        server.Fault = r => r.Method == "Collections/List" ? new QdrantFault(StatusCode.Unavailable, "simulated") : null;

        var fault = await Assert.ThrowsAsync<RpcException>(() => client.ListCollectionsAsync(_ct));
        await server.DisposeAsync();
        var gone = await Assert.ThrowsAsync<QdrantException>(() => new QdrantGateway(client).ListCollectionsAsync(_ct));

        Assert.Equal(StatusCode.Unavailable, fault.StatusCode);
        Assert.Equal("simulated", fault.Status.Detail);
        Assert.Equal([new QdrantRequestRecord("Collections/List", null, StatusCode.Unavailable)], server.Requests);
        Assert.Null(gone.Status);
        Assert.Contains("could not be reached", gone.Message, StringComparison.Ordinal);
    }

    [QdrantStandInFact]
    public async Task The_store_uses_these_grpc_calls_and_the_stand_in_serves_each_of_them()
    {
        await using var server = await FakeQdrantServer.StartAsync();
        await using var kb = new QdrantTestKnowledgeBase(server.Root, settings: new QdrantOptions { Quantization = "scalar", OnDiskVectors = true, ShardNumber = 2, ReplicationFactor = 2 });

        // Each gateway operation at least once, through the store where it builds the request, directly otherwise.
        await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", "Payouts arrive every two business days."), _ct);
        await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule-copy", "Payout schedule", "Payouts arrive every two business days."), _ct);
        await kb.Retriever.RetrieveAsync(new Retrieval.RetrievalQuery("payout days", new Retrieval.RetrievalFilter(Knowledge.Audience.Public, "en", "payments"), 3), _ct);
        await kb.Search.SearchAsync("payout days", new Retrieval.RetrievalFilter(Knowledge.Audience.Agent), 5, _ct);
        await kb.Store.ListArticlesAsync(_ct);
        await kb.Ingestor.RebuildAsync(_ct);
        await kb.Store.DeleteArticleAsync("payouts-schedule", _ct);
        await kb.Client.ReadyAsync(_ct);
        await kb.Collections.DeleteOrphansAsync(_ct);

        // NotFound is Qdrant's answer before the first collection exists; nothing else may fail.
        Assert.All(server.Requests, r => Assert.Contains(r.Status, new StatusCode?[] { StatusCode.OK, StatusCode.NotFound }));
        Assert.Equal(
            [
                "Collections/Create", "Collections/Delete", "Collections/Get", "Collections/List", "Collections/ListAliases", "Collections/UpdateAliases",
                "Points/Count", "Points/CreateFieldIndex", "Points/Delete", "Points/Query", "Points/Scroll", "Points/Upsert", "Qdrant/HealthCheck",
            ],
            server.Requests.Select(r => r.Method).Distinct().Order(StringComparer.Ordinal));
    }
}
