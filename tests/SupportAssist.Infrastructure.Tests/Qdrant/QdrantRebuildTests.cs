using Grpc.Core;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>A full rebuild fills a new collection and moves the alias; one that stops midway leaves the alias on the old, complete collection.</summary>
public sealed class QdrantRebuildTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeQdrantServer? _server;
    private readonly ShiftedClock _clock = new();
    private QdrantTestKnowledgeBase _kb = null!;

    public async Task InitializeAsync()
    {
        if (!FakeQdrantServer.Available) return;
        _server = await FakeQdrantServer.StartAsync();
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
        if (_server is null) return;
        await _kb.DisposeAsync();
        await _server.DisposeAsync();
    }

    private FakeQdrantServer Server => _server!;

    private string AliasTarget => Server.Aliases[_kb.Collections.Alias];

    [QdrantStandInFact]
    public async Task A_rebuild_moves_the_alias_to_a_new_complete_collection_and_drops_the_old_one()
    {
        var before = AliasTarget;

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.NotEqual(before, AliasTarget);
        Assert.DoesNotContain(before, Server.Collections);
        Assert.Equal(6, Server.PointCount(_kb.Collections.Alias)); // 3 chunks + 3 article records
        Assert.Equal(["keyword"], Server.PayloadIndexes(AliasTarget).Select(_ => "keyword").Distinct());
        Assert.Equal(QdrantCollectionLayout.IndexedFields.Order(), Server.PayloadIndexes(AliasTarget).Order());
    }

    [QdrantStandInFact]
    public async Task An_interrupted_rebuild_leaves_the_alias_on_the_old_collection_and_searches_unchanged()
    {
        var before = AliasTarget;
        var searchBefore = await _kb.KeywordIdsAsync("refund business days");
        var upserts = 0;
        // The second batch written to the new collection fails, as if Qdrant went away midway.
        Server.Fault = r => r.Method == "Points/Upsert" && r.Collection != before && Interlocked.Increment(ref upserts) == 2
            ? new QdrantFault(StatusCode.Internal, "Service internal error: simulated crash")
            : null;
        var (ingestor, _) = _kb.WithEmbedder(new LexicalHashingEmbeddingGenerator(32));

        var error = await Assert.ThrowsAsync<QdrantException>(() => ingestor.RebuildAsync(_ct));

        Assert.Contains("simulated crash", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, AliasTarget);
        Assert.Equal([before], Server.Collections); // the part-built collection was deleted
        Assert.Equal(searchBefore, await _kb.KeywordIdsAsync("refund business days"));
        Assert.Equal("lexical/lexical-hashing-v1/64", await _kb.Store.GetEmbedderAsync(_ct));
    }

    [QdrantStandInFact]
    public async Task A_collection_left_by_a_crashed_rebuild_is_deleted_by_the_next_one()
    {
        var orphan = await _kb.Collections.CreateAsync("lexical/lexical-hashing-v1/64", 64, _ct);
        _clock.Offset = QdrantCollections.OrphanAge + TimeSpan.FromMinutes(1);

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.DoesNotContain(orphan, Server.Collections);
        Assert.Single(Server.Collections);
    }

    [QdrantStandInFact]
    public async Task A_young_unaliased_collection_is_left_alone_as_another_replica_s_rebuild_in_progress()
    {
        var inProgress = await _kb.Collections.CreateAsync("lexical/lexical-hashing-v1/64", 64, _ct);

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.Contains(inProgress, Server.Collections);
    }

    [QdrantStandInFact]
    public async Task The_alias_leads_to_the_complete_old_collection_until_the_swap()
    {
        var seen = new List<IReadOnlyList<string>>();
        var before = AliasTarget;
        // Before each write to the new collection, what a search through the alias would read is looked at.
        Server.Fault = r =>
        {
            if (r.Method == "Points/Upsert" && r.Collection != before)
                seen.Add(Server.PointCount(_kb.Collections.Alias) == 6 ? ["complete"] : ["partial"]);
            return null;
        };

        await _kb.Ingestor.RebuildAsync(_ct);

        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Equal(["complete"], s));
    }

    [QdrantStandInFact]
    public async Task An_updated_article_never_disappears_from_search_while_its_chunks_change()
    {
        var seenEmpty = false;
        Server.Fault = r =>
        {
            if (r.Method.StartsWith("Points/", StringComparison.Ordinal))
                seenEmpty |= Server.PointCount(_kb.Collections.Alias) < 6;
            return null;
        };

        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds take three to five business days now."), _ct);

        Assert.False(seenEmpty);
        Assert.Equal(["refunds-timing"], await _kb.KeywordIdsAsync("three five"));
        Assert.Empty(await _kb.KeywordIdsAsync("ten"));
    }

    [QdrantStandInFact]
    public async Task An_update_whose_cleanup_failed_is_finished_by_the_next_import_and_leaves_no_stale_chunk()
    {
        // The article moves to agents only and its text changes: its old public chunks must not survive a failed delete.
        var moved = TestKnowledgeBase.Article("refunds-timing", "Refund timing", "Refunds now reach the card in three days.", ArticleAudience.Internal);
        Server.Fault = r => r.Method == "Points/Delete" ? new QdrantFault(StatusCode.Unavailable, "delete failed") : null;
        await Assert.ThrowsAsync<QdrantException>(() => _kb.Ingestor.IngestAsync(moved, _ct));
        Server.Fault = null;

        var retried = await _kb.Ingestor.IngestAsync(moved, _ct);

        Assert.Equal(IngestStatus.Updated, retried.Status);
        Assert.DoesNotContain("refunds-timing", await _kb.KeywordIdsAsync("refund business days", Audience.Public));
        Assert.Equal(["refunds-timing"], await _kb.KeywordIdsAsync("three", Audience.Agent));
    }
}
