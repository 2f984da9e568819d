using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>A collection the store cannot vouch for (no recorded embedder, another term weighting) is refused, never replaced by a write.</summary>
public sealed class QdrantIndexGuardTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeQdrantServer? _server;
    private QdrantTestKnowledgeBase _kb = null!;

    public async Task InitializeAsync()
    {
        if (!FakeQdrantServer.Available) return;
        _server = await FakeQdrantServer.StartAsync();
        _kb = new QdrantTestKnowledgeBase(_server.Root);
    }

    public async Task DisposeAsync()
    {
        if (_server is null) return;
        await _kb.DisposeAsync();
        await _server.DisposeAsync();
    }

    // A collection behind the alias holding one chunk, made with the given metadata (as by hand, or by another version).
    private async Task<string> ForeignCollectionAsync(Dictionary<string, string> metadata)
    {
        var name = _kb.Collections.Alias + "-manual";
        var request = new CreateCollection { CollectionName = name, VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() }, SparseVectorsConfig = new SparseVectorConfig() };
        request.VectorsConfig.ParamsMap.Map[QdrantCollectionLayout.DenseVector] = new VectorParams { Size = 64, Distance = Distance.Cosine };
        request.SparseVectorsConfig.Map[QdrantCollectionLayout.SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf };
        foreach (var (key, value) in metadata) request.Metadata[key] = new Value { StringValue = value };
        await _kb.Client.CreateCollectionAsync(request, _ct);
        var chunk = new Chunk("kept-1", "kept", 0, "Kept", null, "Kept", "Text that must survive.", "hash", ArticleAudience.Public, "en", null);
        await _kb.Client.UpsertAsync(name, [QdrantCollectionLayout.ChunkPoint(new IndexedChunk(chunk, new float[64]), new RetrievalOptions())], _ct);
        await _kb.Collections.SwapAsync(name, _ct);
        return name;
    }

    private Task<IngestResult> WriteAsync() =>
        _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days."), _ct);

    [QdrantStandInFact]
    public async Task A_collection_without_a_recorded_embedder_is_refused_not_replaced()
    {
        var foreign = await ForeignCollectionAsync([]);

        var error = await Assert.ThrowsAsync<EmbedderMismatchException>(WriteAsync);

        Assert.Contains("an unrecorded embedder", error.Message, StringComparison.Ordinal);
        Assert.Equal(foreign, _server!.Aliases[_kb.Collections.Alias]);
        Assert.Equal(1, _server!.PointCount(foreign));
    }

    [QdrantStandInFact]
    public async Task A_collection_with_another_term_weighting_is_refused_and_searches_say_why()
    {
        await ForeignCollectionAsync(new() { ["embedder"] = "lexical/lexical-hashing-v1/64", ["sparse"] = "bm25-older" });

        var error = await Assert.ThrowsAsync<EmbedderMismatchException>(WriteAsync);
        var result = await _kb.Retriever.RetrieveAsync(new RetrievalQuery("text survive", new RetrievalFilter(Audience.Public), 3), _ct);

        Assert.Contains("term weights bm25-older", error.Message, StringComparison.Ordinal);
        Assert.True(result.Degraded);
        Assert.Contains("rebuilt", result.DegradedReason, StringComparison.Ordinal);
    }

    [QdrantStandInFact]
    public async Task A_server_that_is_not_qdrant_is_a_fault_while_qdrant_s_own_not_found_is_an_empty_index()
    {
        // A wrong port (or a proxy) answers the call's HTTP request with 404, which gRPC reports as Unimplemented.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        await using var notQdrant = builder.Build();
        notQdrant.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await notQdrant.StartAsync();
        using var sdk = QdrantTestKnowledgeBase.Connect(new Uri(notQdrant.Urls.Single()));
        var client = new QdrantGateway(sdk);

        var error = await Assert.ThrowsAsync<QdrantException>(() => client.GetCollectionAsync("kb", _ct));

        Assert.Equal(StatusCode.Unimplemented, error.Status);
        Assert.False(error.Transient);
        Assert.Null(await _kb.Client.GetCollectionAsync("no-such-collection", _ct)); // Qdrant's own NotFound: no such collection
    }
}
