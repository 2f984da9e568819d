using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.Indexing;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>A collection the store cannot vouch for (no recorded embedder, another term weighting) is refused, never replaced by a write.</summary>
public sealed class QdrantIndexGuardTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeQdrantServer _server = null!;
    private QdrantTestKnowledgeBase _kb = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _kb = new QdrantTestKnowledgeBase(_server.Root);
    }

    public async Task DisposeAsync()
    {
        await _kb.DisposeAsync();
        await _server.DisposeAsync();
    }

    // A collection behind the alias holding one chunk, made with the given metadata (as by hand, or by another version).
    private async Task<string> ForeignCollectionAsync(Dictionary<string, string> metadata)
    {
        var name = _kb.Collections.Alias + "-manual";
        await _kb.Client.CreateCollectionAsync(name, new CreateCollectionRequest(
            new Dictionary<string, DenseVectorParams> { [QdrantCollectionLayout.DenseVector] = new(64, "Cosine") },
            new Dictionary<string, SparseVectorParams> { [QdrantCollectionLayout.SparseVector] = new("idf") },
            null, 1, 1, true, null, metadata), _ct);
        var chunk = new Chunk("kept-1", "kept", 0, "Kept", null, "Kept", "Text that must survive.", "hash", ArticleAudience.Public, "en", null);
        await _kb.Client.UpsertAsync(name, [QdrantCollectionLayout.ChunkPoint(new IndexedChunk(chunk, new float[64]), new RetrievalOptions())], _ct);
        await _kb.Collections.SwapAsync(name, _ct);
        return name;
    }

    private Task<IngestResult> WriteAsync() =>
        _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take five to ten days."), _ct);

    [Fact]
    public async Task A_collection_without_a_recorded_embedder_is_refused_not_replaced()
    {
        var foreign = await ForeignCollectionAsync([]);

        var error = await Assert.ThrowsAsync<EmbedderMismatchException>(WriteAsync);

        Assert.Contains("an unrecorded embedder", error.Message, StringComparison.Ordinal);
        Assert.Equal(foreign, _server.Aliases[_kb.Collections.Alias]);
        Assert.Equal(1, _server.PointCount(foreign));
    }

    [Fact]
    public async Task A_collection_with_another_term_weighting_is_refused_and_searches_say_why()
    {
        await ForeignCollectionAsync(new() { ["embedder"] = "lexical/lexical-hashing-v1/64", ["sparse"] = "bm25-older" });

        var error = await Assert.ThrowsAsync<EmbedderMismatchException>(WriteAsync);
        var result = await _kb.Retriever.RetrieveAsync(new RetrievalQuery("text survive", new RetrievalFilter(Audience.Public), 3), _ct);

        Assert.Contains("term weights bm25-older", error.Message, StringComparison.Ordinal);
        Assert.True(result.Degraded);
        Assert.Contains("rebuilt", result.DegradedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_that_is_not_qdrant_s_own_is_a_fault_not_an_empty_index()
    {
        // A wrong base path (or a proxy) answers 404 without Qdrant's error body.
        using var http = new HttpClient { BaseAddress = new Uri(_server.Root, "not-qdrant/") };
        var client = new QdrantClient(http);

        var error = await Assert.ThrowsAsync<QdrantException>(() => client.QueryAsync("kb", new QueryRequest(new QueryInput(Dense: [1f]), "dense"), _ct));

        Assert.Equal(404, error.Status);
        Assert.Null(await _kb.Client.GetCollectionAsync("no-such-collection", _ct)); // Qdrant's own 404: no such collection
    }
}
