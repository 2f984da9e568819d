using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>Importing many articles in batches: one transaction and one index update per batch, results as if written one at a time.</summary>
public sealed class BatchedImportTests : IDisposable
{
    private readonly TestKnowledgeBase _batched = new();
    private readonly TestKnowledgeBase _oneByOne = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose()
    {
        _batched.Dispose();
        _oneByOne.Dispose();
    }

    [Fact]
    public async Task A_batch_of_new_articles_is_one_update_of_the_vector_index()
    {
        await _batched.WarmUpAsync();
        await SampleArticles.IngestPayoutsAsync(_batched.Ingestor);
        var before = _batched.VectorIndex.Table!.Current.Version;

        var results = await ToListAsync(_batched.Ingestor.IngestManyAsync(Articles(1), _ct));

        Assert.All(results, r => Assert.Equal(IngestStatus.Created, r.Status));
        Assert.Equal(before + 1, _batched.VectorIndex.Table!.Current.Version);
        Assert.Equal(3 + results.Sum(r => r.Chunks), _batched.VectorIndex.Count);
    }

    [Fact]
    public async Task An_import_reports_and_stores_what_writing_the_articles_one_at_a_time_would()
    {
        // New, changed, unchanged, unpublished, and the same id twice in one import (the later line wins).
        var lines = Articles(1).Concat(Articles(2).Take(3)).Append(Articles(1)[5] with { Published = false })
            .Append(Articles(3)[0]).Append(Articles(4)[0]).Concat(Articles(1).Skip(6)).ToList();
        await _batched.WarmUpAsync();
        await _oneByOne.WarmUpAsync();

        var batched = await ToListAsync(_batched.Ingestor.IngestManyAsync(lines, _ct));
        var oneByOne = new List<IngestResult>();
        foreach (var article in lines) oneByOne.Add(await _oneByOne.Ingestor.IngestAsync(article, _ct));

        Assert.Equal(oneByOne, batched);
        Assert.Contains(batched, r => r.Status == IngestStatus.Unchanged);
        Assert.Contains(batched, r => r.Status == IngestStatus.Updated);
        Assert.Equal(_oneByOne.Embedder.TextsEmbedded, _batched.Embedder.TextsEmbedded);
        foreach (var query in new[] { "first payout seven days", "change the schedule weekly", "refund exception" })
            Assert.Equal(await _oneByOne.DenseIdsAsync(query), await _batched.DenseIdsAsync(query));
        Assert.Equal(_oneByOne.VectorIndex.Count, _batched.VectorIndex.Count);
    }

    // Ten articles; the variant changes the body of every other one.
    private static List<Article> Articles(int variant) =>
        [.. Enumerable.Range(0, 10).Select(i => TestKnowledgeBase.Article($"article-{i}", $"Article {i}",
            SampleArticles.PayoutBody + $"\n\n## Note {i}\n\nRevision {(i % 2 == 0 ? variant : 1)} of article {i}."))];

    private static async Task<List<IngestResult>> ToListAsync(IAsyncEnumerable<IngestResult> results)
    {
        var list = new List<IngestResult>();
        await foreach (var result in results) list.Add(result);
        return list;
    }
}
