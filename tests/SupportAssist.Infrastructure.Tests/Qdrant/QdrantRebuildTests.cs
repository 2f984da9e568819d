using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.Indexing;
using SupportAssist.Knowledge;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>A full rebuild fills a new collection and moves the alias; one that stops midway leaves the alias on the old, complete collection.</summary>
public sealed class QdrantRebuildTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeQdrantServer _server = null!;
    private readonly ShiftedClock _clock = new();
    private QdrantTestKnowledgeBase _kb = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync(requestCheck: QdrantOpenApiContract.Instance is { } contract ? contract.Check : null);
        _kb = new QdrantTestKnowledgeBase(_server.Root, settings: new QdrantOptions { UpsertBatchSize = 2 }, clock: _clock);
        foreach (var (id, title, body) in new[]
                 {
                     ("payouts-schedule", "Payout schedule", "Payouts arrive every two business days."),
                     ("refunds-timing", "Refund timing", "Refunds take five to ten business days."),
                     ("disputes-evidence", "Dispute evidence", "Upload receipts and tracking numbers as evidence."),
                 })
            await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article(id, title, body), _ct);
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(_server.ContractViolations);
        await _kb.DisposeAsync();
        await _server.DisposeAsync();
    }

    private string AliasTarget => _server.Aliases[_kb.Collections.Alias];

    [Fact]
    public async Task A_rebuild_moves_the_alias_to_a_new_complete_collection_and_drops_the_old_one()
    {
        var before = AliasTarget;

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.NotEqual(before, AliasTarget);
        Assert.DoesNotContain(before, _server.Collections);
        Assert.Equal(6, _server.PointCount(_kb.Collections.Alias)); // 3 chunks + 3 article records
        Assert.Equal(["keyword"], _server.PayloadIndexes(AliasTarget).Select(_ => "keyword").Distinct());
        Assert.Equal(QdrantCollectionLayout.IndexedFields.Order(), _server.PayloadIndexes(AliasTarget).Order());
    }

    [Fact]
    public async Task An_interrupted_rebuild_leaves_the_alias_on_the_old_collection_and_searches_unchanged()
    {
        var before = AliasTarget;
        var searchBefore = await _kb.KeywordIdsAsync("refund business days");
        var upserts = 0;
        // The second batch written to the new collection fails, as if Qdrant went away midway.
        _server.Fault = r => r.Method == "PUT" && r.PathAndQuery.Contains("/points", StringComparison.Ordinal) && !r.PathAndQuery.Contains(before, StringComparison.Ordinal)
                             && Interlocked.Increment(ref upserts) == 2
            ? new QdrantFault(500, "Service internal error: simulated crash")
            : null;
        var (ingestor, _) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var error = await Assert.ThrowsAsync<QdrantException>(() => ingestor.RebuildAsync(_ct));

        Assert.Contains("simulated crash", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, AliasTarget);
        Assert.Equal([before], _server.Collections); // the part-built collection was deleted
        Assert.Equal(searchBefore, await _kb.KeywordIdsAsync("refund business days"));
        Assert.Equal("lexical/lexical-hashing-v1/64", await _kb.Store.GetEmbedderAsync(_ct));
    }

    [Fact]
    public async Task A_collection_left_by_a_crashed_rebuild_is_deleted_by_the_next_one()
    {
        var orphan = await _kb.Collections.CreateAsync("lexical/lexical-hashing-v1/64", 64, _ct);
        _clock.Offset = QdrantCollections.OrphanAge + TimeSpan.FromMinutes(1);

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.DoesNotContain(orphan, _server.Collections);
        Assert.Single(_server.Collections);
    }

    [Fact]
    public async Task A_young_unaliased_collection_is_left_alone_as_another_replica_s_rebuild_in_progress()
    {
        var inProgress = await _kb.Collections.CreateAsync("lexical/lexical-hashing-v1/64", 64, _ct);

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.Contains(inProgress, _server.Collections);
    }

    [Fact]
    public async Task The_alias_leads_to_the_complete_old_collection_until_the_swap()
    {
        var seen = new List<IReadOnlyList<string>>();
        var before = AliasTarget;
        // Before each write to the new collection, what a search through the alias would read is looked at.
        _server.Fault = r =>
        {
            if (r.Method == "PUT" && r.PathAndQuery.Contains("/points", StringComparison.Ordinal) && !r.PathAndQuery.Contains(before, StringComparison.Ordinal))
                seen.Add(_server.PointCount(_kb.Collections.Alias) == 6 ? ["complete"] : ["partial"]);
            return null;
        };

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Equal(["complete"], s));
    }

    [Fact]
    public async Task An_updated_article_never_disappears_from_search_while_its_chunks_change()
    {
        var seenEmpty = false;
        _server.Fault = r =>
        {
            if (r.PathAndQuery.Contains("/points", StringComparison.Ordinal) && r.Method != "GET")
                seenEmpty |= _server.PointCount(_kb.Collections.Alias) < 6;
            return null;
        };

        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take three to five business days now."), _ct);

        Assert.False(seenEmpty);
        Assert.Equal(["refunds-timing"], await _kb.KeywordIdsAsync("three five"));
        Assert.Empty(await _kb.KeywordIdsAsync("ten"));
    }

    [Fact]
    public async Task An_update_whose_cleanup_failed_is_finished_by_the_next_import_and_leaves_no_stale_chunk()
    {
        // The article moves to agents only and its text changes: its old public chunks must not survive a failed delete.
        var moved = TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds now reach the card in three days.", ArticleAudience.Internal);
        _server.Fault = r => r.PathAndQuery.Contains("/points/delete", StringComparison.Ordinal) ? new QdrantFault(503, "delete failed") : null;
        await Assert.ThrowsAsync<QdrantException>(() => _kb.Ingestor.IngestAsync(moved, _ct));
        _server.Fault = null;

        var retried = await _kb.Ingestor.IngestAsync(moved, _ct);

        Assert.Equal(IngestStatus.Updated, retried.Status);
        Assert.DoesNotContain("refunds-timing", await _kb.KeywordIdsAsync("refund business days", Audience.Public));
        Assert.Equal(["refunds-timing"], await _kb.KeywordIdsAsync("three", Audience.Agent));
    }
}
